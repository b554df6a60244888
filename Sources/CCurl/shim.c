#include "CCurl.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

CURLcode ccurl_global_init(void) { return curl_global_init(CURL_GLOBAL_DEFAULT); }

CURLcode ccurl_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode ccurl_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode ccurl_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode ccurl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode ccurl_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode ccurl_easy_setopt_write_function(CURL *handle, CURLoption option, curl_write_callback value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode ccurl_easy_getinfo_long(CURL *handle, CURLINFO info, long *out) {
    return curl_easy_getinfo(handle, info, out);
}

CURLcode ccurl_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *out) {
    return curl_easy_getinfo(handle, info, out);
}

CURLcode ccurl_easy_getinfo_string(CURL *handle, CURLINFO info, const char **out) {
    return curl_easy_getinfo(handle, info, out);
}

CURLMcode ccurl_multi_setopt_long(CURLM *multi, CURLMoption option, long value) {
    return curl_multi_setopt(multi, option, value);
}

CURL *ccurl_msg_easy_handle(const CURLMsg *msg) { return msg->easy_handle; }

CURLcode ccurl_msg_result(const CURLMsg *msg) { return msg->data.result; }

int ccurl_msg_is_done(const CURLMsg *msg) { return msg->msg == CURLMSG_DONE; }

static int ccurl_is_private_ipv4(uint32_t host) {
    uint8_t a = host >> 24, b = (host >> 16) & 0xff;
    return a == 0 || a == 10 || a == 127 || (a == 169 && b == 254) || (a == 172 && (b & 0xf0) == 16) ||
           (a == 192 && b == 168) || (a == 100 && (b & 0xc0) == 64) || a >= 224;
}

int ccurl_is_private_address(const struct sockaddr *address) {
    if (address->sa_family == AF_INET) {
        const struct sockaddr_in *v4 = (const struct sockaddr_in *)address;
        return ccurl_is_private_ipv4(ntohl(v4->sin_addr.s_addr));
    }
    if (address->sa_family == AF_INET6) {
        const struct sockaddr_in6 *v6 = (const struct sockaddr_in6 *)address;
        const uint8_t *bytes = v6->sin6_addr.s6_addr;
        static const uint8_t zero[16] = {0};
        if (memcmp(bytes, zero, 15) == 0 && (bytes[15] == 0 || bytes[15] == 1)) return 1; /* :: and ::1 */
        if ((bytes[0] & 0xfe) == 0xfc) return 1;                                          /* fc00::/7 */
        if (bytes[0] == 0xfe && (bytes[1] & 0xc0) == 0x80) return 1;                       /* fe80::/10 */
        if (bytes[0] == 0xff) return 1;                                                    /* multicast */
        static const uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
        if (memcmp(bytes, mapped, 12) == 0) {                                              /* ::ffff:a.b.c.d */
            uint32_t host = ((uint32_t)bytes[12] << 24) | ((uint32_t)bytes[13] << 16) | ((uint32_t)bytes[14] << 8) |
                            bytes[15];
            return ccurl_is_private_ipv4(host);
        }
        return 0;
    }
    return 1; /* Unix sockets and anything else are not public web hosts. */
}

static curl_socket_t ccurl_open_public_socket(void *clientp, curlsocktype purpose, struct curl_sockaddr *address) {
    (void)purpose;
    if (ccurl_is_private_address(&address->addr)) {
        *(int *)clientp = 1;
        return CURL_SOCKET_BAD;
    }
    return socket(address->family, address->socktype, address->protocol);
}

CURLcode ccurl_easy_refuse_private_networks(CURL *handle, int *refused) {
    CURLcode code = curl_easy_setopt(handle, CURLOPT_OPENSOCKETFUNCTION, ccurl_open_public_socket);
    if (code != CURLE_OK) return code;
    return curl_easy_setopt(handle, CURLOPT_OPENSOCKETDATA, (void *)refused);
}
