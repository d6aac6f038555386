// Text hygiene for readers' comments: what is stored, and how it is shown.
//
// A comment is cleaned once, before it is matched, scored and stored
// (CleanCommentText), and is always rendered through CommentToHtml, which
// escapes everything and emits only the few tags listed there. No HTML from a
// commenter ever reaches a page.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace qalam::moderation {

// The text to store, otherwise as the reader wrote it:
//  - malformed UTF-8 becomes U+FFFD; NFC;
//  - removed: bidi embeddings, overrides and isolates (U+202A–U+202E,
//    U+2066–U+2069), the marks LRM, RLM and ALM (U+200E, U+200F, U+061C);
//    invisible characters that disguise text: every Default_Ignorable code
//    point (U+200B, U+2060–U+206F, U+FEFF, U+00AD soft hyphen, U+034F,
//    Hangul fillers U+115F/U+1160/U+3164/U+FFA0, …) except where one has a
//    visible job, kept there only:
//      ZWNJ (U+200C) between two letters (Persian, Kurdish, Urdu, Indic);
//      ZWJ (U+200D) inside an emoji sequence (👩‍💻) or between two letters
//        of a script other than Arabic and Latin (Indic conjuncts);
//      VS15/VS16 (U+FE0E/U+FE0F) right after a character that has an emoji
//        presentation (❤️, 1️⃣); other variation selectors right after a
//        symbol or a letter of a script other than Arabic and Latin (CJK
//        ideographic variants, math symbols);
//      tag characters (U+E0020–U+E007F) in an emoji tag sequence after 🏴;
//      Mongolian variation selectors after a Mongolian letter;
//  - control characters except \n and \t (CR LF and CR become \n, U+2028 \n,
//    U+2029 a blank line, \v and \f a space); noncharacters;
//  - combining marks beyond 8 on one base character ("Zalgo" text that
//    spills over its neighbours; Arabic needs at most 3 or 4);
//  - whitespace at the end of each line; more than one blank line in a row
//    becomes one blank line (\n\n\n… → \n\n); whitespace at both ends.
// Idempotent: cleaning a clean text changes nothing.
std::string CleanCommentText(std::string_view text);

// A one-line field (a title, a name, a tag, a highlight) cleaned as a
// comment is (CleanCommentText: bidi controls, invisible characters and
// control characters removed, ZWNJ and ZWJ kept where they have a job), with
// every run of whitespace, line breaks and tabs included, made one space.
std::string CleanLineText(std::string_view text);

// A web address in a text, as CommentToHtml links it.
struct Link {
  size_t begin = 0, end = 0;  // byte offsets of the address as written
  std::string href;           // always http:// or https://
};

// Addresses starting with http:// or https:// (any case) or www. at a word
// start. An address runs to whitespace or one of < > " ` { } | \ ^ « » “ ” ‘ ’
// ، ؛ ؟; trailing punctuation (. , : ; ! ? ' * ~ _ - and an unbalanced ) ] })
// is left out, as in GitHub's autolinks. The host must be letters (any
// script), digits and hyphens in dot-separated labels, with a top-level label
// of 2+ characters or an IPv4 address, and an optional :port; an address with
// user information (https://bank.com@evil.com) is not a link. www. addresses
// get https://.
std::vector<Link> FindLinks(std::string_view clean);

// HTML for a cleaned comment (cleaned again here, which is harmless): every
// character escaped; blank lines separate <p> paragraphs and single line
// breaks become <br>; each address becomes
//   <bdi><a href="URL" rel="nofollow ugc noopener" target="_blank">TEXT</a></bdi>
// where TEXT is the address as written (escaped) and URL its escaped href.
// <bdi> isolates the left-to-right address so that it does not reorder the
// Arabic and punctuation around it. The tags above are the only ones ever
// emitted. Paragraphs carry no dir: the comment's container sets it (dir="rtl"
// or "auto").
std::string CommentToHtml(std::string_view clean);

// How many links CommentToHtml would make of the text (for the spam guard's
// limit). Cleans the text first.
int CountLinks(std::string_view text);

}  // namespace qalam::moderation
