#ifndef FEEDWATCH_CLIBXML2_SHIM_H
#define FEEDWATCH_CLIBXML2_SHIM_H

/* Debian builds libxml2 with ICU; its ICU headers clash with Foundation's copy, and
   feedwatch never touches the encoding handler's ICU fields, so hide them. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>
#include <libxml/HTMLparser.h>

#include <stdlib.h>
#include <string.h>

/* xmlFree is a global function pointer, which Swift 6 rejects as shared mutable state. */
static inline void cxml_free(void *p) { xmlFree(p); }

/* The SAX2 user data of feedwatch's streaming reader: the character data gathered since the last element event,
   and the Swift session that receives the events. libxml2 reports text in many small pieces (every entity
   reference such as &lt; is one), so gathering them is the reader's hottest callback, and it lives here in C. */
typedef struct {
    unsigned char *bytes;
    size_t count;
    size_t capacity;
    /* Zero once the session has stopped taking events: text is then dropped. */
    int active;
    /* The Swift session, unretained. */
    void *session;
} cxml_sax_text;

/* Appends character data to the gathered text (the characters, ignorableWhitespace and cdataBlock callback). Like
   Swift's own allocations, it aborts when memory runs out. */
static inline void cxml_sax_characters(void *context, const xmlChar *text, int length) {
    cxml_sax_text *state = (cxml_sax_text *)context;
    if (!state->active || text == NULL || length <= 0) {
        return;
    }
    size_t needed = state->count + (size_t)length;
    if (needed > state->capacity) {
        size_t capacity = state->capacity * 2 > needed ? state->capacity * 2 : needed;
        unsigned char *grown = (unsigned char *)realloc(state->bytes, capacity);
        if (grown == NULL) {
            abort();
        }
        state->bytes = grown;
        state->capacity = capacity;
    }
    memcpy(state->bytes + state->count, text, (size_t)length);
    state->count = needed;
}

#endif
