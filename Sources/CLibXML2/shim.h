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

/* xmlFree is a global function pointer, which Swift 6 rejects as shared mutable state. */
static inline void cxml_free(void *p) { xmlFree(p); }

#endif
