#ifndef CICU_H
#define CICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Flag for `cicu_fold_*`: write German umlauts as their `ae`/`oe`/`ue` transliteration
/// (`ä` -> `ae`) instead of dropping the diaeresis (`ä` -> `a`).
#define CICU_GERMAN_UMLAUTS 1

/// Search folding of UTF-8 text: NFKC with case folding (ICU `NFKC_Casefold`), then diacritics removed
/// (NFD, every non-spacing mark dropped except the kana voicing marks U+3099/U+309A and the breve of
/// Cyrillic й, a few letters without
/// a decomposition folded to Latin: ø -> o, æ -> ae, ł -> l ...), then recomposed to NFC.
///
/// Writes at most `capacity` UTF-8 bytes to `dest` (not NUL-terminated) and returns the length the
/// complete result needs: when it is larger than `capacity`, call again with a buffer at least that large.
/// Returns -1 when ICU reports an error (malformed input).
int32_t cicu_fold_utf8(const char *src, int32_t length, char *dest, int32_t capacity, int32_t flags);

/// The same folding as `cicu_fold_utf8`, writing Unicode scalar values (UTF-32) to `dest`.
/// Returns the number of scalars the complete result needs, or -1 on error.
int32_t cicu_fold_utf32(const char *src, int32_t length, uint32_t *dest, int32_t capacity, int32_t flags);

#ifdef __cplusplus
}
#endif

#endif
