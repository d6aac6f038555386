// The public, read-only Content API (docs/API.md): every answer under
// /api/v1 as a JSON document, with the change keys it was built from so
// that the page cache keeps and purges it like a page. This file also holds
// the pure parts the web layer and the tests share: the error shape, the
// opaque cursor, and the reading of a list's query.
#pragma once
#include <climits>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "render/pages.h"
#include "store/store.h"

namespace qalam {

// An error as the API answers it:
// {"error": {"code", "message", "message_ar", "field"?}}.
struct ApiError {
  int status = 400;
  std::string code;        // "invalid_parameter", "not_found", …
  std::string message;     // English, for developers.
  std::string message_ar;  // Arabic, for a reader-facing app.
  std::string field;       // The parameter at fault, when there is one.
};
std::string ApiErrorJson(const ApiError& e);
// The error as a document: its status, JSON, never cached.
RenderedPage ApiErrorPage(const ApiError& e);

inline constexpr const char* kApiContentType = "application/json; charset=utf-8";
inline constexpr int64_t kApiDefaultPerPage = 20;
inline constexpr int64_t kApiMaxPerPage = 100;

// URL-safe base64 without padding, and back (false for anything else).
std::string Base64UrlEncode(std::string_view bytes);
bool Base64UrlDecode(std::string_view text, std::string* out);

// The opaque cursor of a list's next page: the last item's keys (the
// (published_at, id) of an article, the (name, id) of a name, …) and the
// fingerprint of the filters it was made for, with a checksum. Decoding
// refuses a cursor altered in any way or made for other filters.
std::string EncodeCursor(const std::vector<std::string>& keys, const std::string& fingerprint);
bool DecodeCursor(std::string_view cursor, const std::string& fingerprint, size_t key_count,
                  std::vector<std::string>* keys);

// What GET /api/v1/articles asks, read from its query.
struct ArticleListRequest {
  // Slugs; empty means any.
  std::string section, tag, writer, source;
  // As given (for `next`), and as UTC seconds (inclusive bounds).
  std::string since_text, until_text, updated_since_text;
  int64_t since = INT64_MIN, until = INT64_MAX, updated_since = INT64_MIN;
  int64_t per_page = kApiDefaultPerPage;
  std::optional<std::pair<int64_t, Id>> after;  // From the cursor.
  std::string fields_text;                        // As given.
  std::vector<std::string> fields;                // Chosen, in the article's order.
  // What a cursor is bound to: the filters (not per_page or fields).
  std::string Fingerprint() const;
};

// Every field an article can carry, in its order; a list's default leaves
// out the bodies.
const std::vector<std::string>& ArticleFields();
// `text` is a comma list of field names ("" for the default of a list or
// of one article). False with an error naming the first unknown field.
bool ParseFields(const std::string& text, bool list, std::vector<std::string>* out, ApiError* error);

// Reads a list's query: filters, per_page (1-100), cursor, fields; times
// in ISO 8601 (a date, or a local time in `timezone`, or with an offset).
// False with a 400 naming the parameter at fault, an unknown parameter
// included.
bool ParseArticleListRequest(const std::map<std::string, std::string>& params, const std::string& timezone,
                             ArticleListRequest* out, ApiError* error);

class ContentApi {
 public:
  explicit ContentApi(Store& store) : store_(store) {}

  // The answer for `path` (decoded, starting with /api/v1) and its query's
  // parameters at `now`: a JSON document with its keys, or a JSON error
  // (404 for an unknown path, 400 for a bad parameter).
  RenderedPage Render(const std::string& path, const std::map<std::string, std::string>& params, int64_t now);

  // One answer being built: the settings it reads and the keys it gathers.
  struct Context;

 private:
  RenderedPage Articles(Context& ctx, const std::map<std::string, std::string>& params);
  RenderedPage OneArticle(Context& ctx, Id id, const std::string& slug,
                          const std::map<std::string, std::string>& params);
  RenderedPage Names(Context& ctx, NamedKind kind, const std::map<std::string, std::string>& params);
  RenderedPage OneName(Context& ctx, NamedKind kind, const std::string& slug,
                       const std::map<std::string, std::string>& params);
  RenderedPage Breaking(Context& ctx, const std::map<std::string, std::string>& params);
  RenderedPage Pages(Context& ctx, const std::map<std::string, std::string>& params);
  RenderedPage OnePage(Context& ctx, const std::string& slug, const std::map<std::string, std::string>& params);

  Store& store_;
};

}  // namespace qalam
