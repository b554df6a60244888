#ifndef FEEDWATCH_CCURL_H
#define FEEDWATCH_CCURL_H

#include <curl/curl.h>

/* Typed wrappers for libcurl's variadic and macro-based calls, which Swift cannot import. */
CURLcode ccurl_global_init(void);
CURLcode ccurl_easy_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode ccurl_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);
CURLcode ccurl_easy_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode ccurl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode ccurl_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);
CURLcode ccurl_easy_setopt_write_function(CURL *handle, CURLoption option, curl_write_callback value);
CURLcode ccurl_easy_getinfo_long(CURL *handle, CURLINFO info, long *out);
CURLcode ccurl_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *out);
CURLcode ccurl_easy_getinfo_string(CURL *handle, CURLINFO info, const char **out);
CURLMcode ccurl_multi_setopt_long(CURLM *multi, CURLMoption option, long value);

/* Refuses connections to loopback, private, link-local, carrier-grade NAT, unspecified and cloud-metadata
   addresses, redirects included: libcurl's open-socket callback sees each resolved address. `refused` is set to 1
   when a connection was refused; it must outlive the transfer. */
CURLcode ccurl_easy_refuse_private_networks(CURL *handle, int *refused);
int ccurl_is_private_address(const struct sockaddr *address);

/* The CURLMsg union, read without touching the union from Swift. */
CURL *ccurl_msg_easy_handle(const CURLMsg *msg);
CURLcode ccurl_msg_result(const CURLMsg *msg);
int ccurl_msg_is_done(const CURLMsg *msg);

#endif
