#include "CICU.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

/// A UTF-16 buffer that starts on the stack and moves to the heap when a result needs more room.
typedef struct {
    UChar *chars;
    int32_t length;
    int32_t capacity;
    UChar local[256];
} Buffer;

static void buffer_init(Buffer *buffer) {
    buffer->chars = buffer->local;
    buffer->length = 0;
    buffer->capacity = (int32_t)(sizeof(buffer->local) / sizeof(UChar));
}

static void buffer_free(Buffer *buffer) {
    if (buffer->chars != buffer->local) {
        free(buffer->chars);
    }
    buffer_init(buffer);
}

/// Makes room for `capacity` units; the content is not kept.
static int buffer_reserve(Buffer *buffer, int32_t capacity) {
    if (capacity <= buffer->capacity) {
        return 1;
    }
    UChar *chars = (UChar *)malloc((size_t)capacity * sizeof(UChar));
    if (chars == NULL) {
        return 0;
    }
    if (buffer->chars != buffer->local) {
        free(buffer->chars);
    }
    buffer->chars = chars;
    buffer->capacity = capacity;
    return 1;
}

/// `output = normalizer(input)`, growing `output` to the length ICU asks for on U_BUFFER_OVERFLOW_ERROR.
static int normalize(const UNormalizer2 *normalizer, const Buffer *input, Buffer *output) {
    for (;;) {
        UErrorCode status = U_ZERO_ERROR;
        int32_t needed = unorm2_normalize(normalizer, input->chars, input->length, output->chars,
                                          output->capacity, &status);
        if (status == U_BUFFER_OVERFLOW_ERROR) {
            if (!buffer_reserve(output, needed)) {
                return 0;
            }
            continue;
        }
        if (U_FAILURE(status)) {
            return 0;
        }
        output->length = needed;
        return 1;
    }
}

/// Letters that have no canonical decomposition but that people type without their stroke or ligature.
static int32_t fold_letter(UChar32 c, UChar32 *second) {
    *second = 0;
    switch (c) {
    case 0x00F8: return 'o';                    /* ø */
    case 0x00E6: *second = 'e'; return 'a';     /* æ */
    case 0x0153: *second = 'e'; return 'o';     /* œ */
    case 0x0142: return 'l';                    /* ł */
    case 0x0111: return 'd';                    /* đ */
    case 0x00F0: return 'd';                    /* ð */
    case 0x00FE: *second = 'h'; return 't';     /* þ */
    case 0x0131: return 'i';                    /* dotless ı */
    case 0x0127: return 'h';                    /* ħ */
    case 0x0167: return 't';                    /* ŧ */
    default: return c;
    }
}

/// Drops non-spacing marks (keeping the kana voicing marks) from NFD text and folds stroked letters.
static int strip_marks(const Buffer *input, Buffer *output, int32_t flags) {
    /* Folding never produces more than two units per input unit. */
    if (!buffer_reserve(output, input->length * 2 + 1)) {
        return 0;
    }
    int32_t out = 0;
    int32_t i = 0;
    UChar32 previous = 0;
    while (i < input->length) {
        UChar32 c;
        U16_NEXT(input->chars, i, input->length, c);
        /* The breve of Cyrillic short i (й = и + U+0306) makes a letter of its own: keep it. */
        int keep = c == 0x3099 || c == 0x309A || (c == 0x0306 && previous == 0x0438);
        if (u_charType(c) == U_NON_SPACING_MARK && !keep) {
            if ((flags & CICU_GERMAN_UMLAUTS) && c == 0x0308 &&
                (previous == 'a' || previous == 'o' || previous == 'u')) {
                output->chars[out++] = 'e';
                previous = 'e';
            }
            continue;
        }
        UChar32 second;
        UChar32 folded = fold_letter(c, &second);
        if (folded != c) {
            output->chars[out++] = (UChar)folded;
            if (second != 0) {
                output->chars[out++] = (UChar)second;
            }
            previous = second != 0 ? second : folded;
            continue;
        }
        U16_APPEND_UNSAFE(output->chars, out, c);
        previous = c;
    }
    output->length = out;
    return 1;
}

/// Runs the whole folding pipeline; on success the result is in `result` (one of `a` or `b`).
static int fold(const char *src, int32_t length, int32_t flags, Buffer *a, Buffer *b, Buffer **result) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *casefold = unorm2_getNFKCCasefoldInstance(&status);
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&status);
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&status);
    if (U_FAILURE(status)) {
        return 0;
    }
    /* UTF-8 -> UTF-16 into a (never more units than bytes). */
    if (!buffer_reserve(a, length + 1)) {
        return 0;
    }
    u_strFromUTF8Lenient(a->chars, a->capacity, &a->length, src, length, &status);
    if (U_FAILURE(status)) {
        return 0;
    }
    if (!normalize(casefold, a, b) || !normalize(nfd, b, a) || !strip_marks(a, b, flags) ||
        !normalize(nfc, b, a)) {
        return 0;
    }
    *result = a;
    return 1;
}

int32_t cicu_fold_utf8(const char *src, int32_t length, char *dest, int32_t capacity, int32_t flags) {
    Buffer a, b, *result;
    buffer_init(&a);
    buffer_init(&b);
    int32_t needed = -1;
    if (fold(src, length, flags, &a, &b, &result)) {
        UErrorCode status = U_ZERO_ERROR;
        u_strToUTF8(dest, capacity, &needed, result->chars, result->length, &status);
        if (U_FAILURE(status) && status != U_BUFFER_OVERFLOW_ERROR) {
            needed = -1;
        }
    }
    buffer_free(&a);
    buffer_free(&b);
    return needed;
}

int32_t cicu_fold_utf32(const char *src, int32_t length, uint32_t *dest, int32_t capacity, int32_t flags) {
    Buffer a, b, *result;
    buffer_init(&a);
    buffer_init(&b);
    int32_t needed = -1;
    if (fold(src, length, flags, &a, &b, &result)) {
        UErrorCode status = U_ZERO_ERROR;
        u_strToUTF32((UChar32 *)dest, capacity, &needed, result->chars, result->length, &status);
        if (U_FAILURE(status) && status != U_BUFFER_OVERFLOW_ERROR) {
            needed = -1;
        }
    }
    buffer_free(&a);
    buffer_free(&b);
    return needed;
}
