#include "core/settings.h"

#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <charconv>

#include "core/text.h"

namespace qalam {
namespace {

// The seed page's comment terms (its line 51): the default for a new site.
constexpr const char* kSeedCommentTerms =
    "عدم الإساءة للكاتب أو للأشخاص أو للمقدسات أو مهاجمة الأديان أو الذات "
    "الالهية. والابتعاد عن التحريض الطائفي والعنصري والشتائم.";

Status CheckEnum(const std::string& key, const std::string& v,
                 std::initializer_list<const char*> allowed) {
  for (const char* a : allowed) {
    if (v == a) return Status::Ok();
  }
  std::string list;
  for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
  return Status::Invalid(key + " must be one of: " + list + " (got \"" + v + "\")");
}

Status CheckInt(const std::string& key, const std::string& v, int lo, int hi) {
  int n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || p != v.data() + v.size() || n < lo || n > hi) {
    return Status::Invalid(key + " must be a whole number from " + std::to_string(lo) +
                           " to " + std::to_string(hi) + " (got \"" + v + "\")");
  }
  return Status::Ok();
}

Status CheckText(const std::string& key, const std::string& v, size_t max_chars) {
  if (v.empty()) return Status::Invalid(key + " must not be empty");
  if (CountCodePoints(v) > max_chars) {
    return Status::Invalid(key + " must be at most " + std::to_string(max_chars) +
                           " characters");
  }
  return Status::Ok();
}

Status CheckUrl(const std::string& key, const std::string& v) {
  bool scheme = v.rfind("http://", 0) == 0 || v.rfind("https://", 0) == 0;
  size_t host_start = v.find("://") + 3;
  if (!scheme || v.size() <= host_start || v.find_first_of(" \t\"<>") != std::string::npos) {
    return Status::Invalid(key + " must be an absolute http:// or https:// address (got \"" +
                           v + "\")");
  }
  return Status::Ok();
}

Status CheckTimeZone(const std::string& key, const std::string& v) {
  icu::UnicodeString id = icu::UnicodeString::fromUTF8(v);
  icu::UnicodeString canonical;
  UBool is_system = false;
  UErrorCode err = U_ZERO_ERROR;
  icu::TimeZone::getCanonicalID(id, canonical, is_system, err);
  if (U_FAILURE(err) || !is_system) {
    return Status::Invalid(key + " must be an IANA time zone such as Asia/Riyadh or "
                           "Africa/Cairo (got \"" + v + "\")");
  }
  return Status::Ok();
}

}  // namespace

const std::vector<SettingSpec>& SettingSpecs() {
  static const std::vector<SettingSpec> specs = {
      {"site_name", "قلم", "the site's name, shown in the header and titles"},
      {"site_description", "موقع للأخبار والرأي يعمل بمنصة قلم",
       "one line describing the site, for the home page's description"},
      {"site_url", "http://127.0.0.1:8080",
       "the public address, used for canonical links (http:// or https://)"},
      {"publisher_logo", "",
       "the media library number of the site's logo, named as the publisher in structured data (empty: none)"},
      {"logo", "", "the media library number of the logo shown in the header (empty: the site's name)"},
      {"logo_dark", "", "the media library number of the logo for a dark color scheme (empty: the logo)"},
      {"favicon", "", "the media library number of a square image, the site's icon (empty: the theme's)"},
      {"footer_text", "", "a line in every page's footer, such as the copyright (empty: none)"},
      {"timezone", "Asia/Riyadh", "IANA time zone for dates shown and dates imported"},
      {"date_style", "egypt",
       "month names: egypt (يناير), levant (كانون الثاني) or maghreb (جانفي)"},
      {"digits", "western", "digits in dates: western (15) or arabic (١٥)"},
      {"hijri", "off", "on to show the Hijri date beside the Gregorian one"},
      {"comment_terms", kSeedCommentTerms, "the comment terms shown under every article"},
      {"page_size", "20", "articles per page in lists (5 to 100)"},
      {"search_teh_marbuta", "fold",
       "search: fold (ة matches ه) or keep them apart; changing it rebuilds the index"},
      {"search_recency", "on", "search: on gives newer articles a mild boost in ranking"},
      {"feed_items", "50", "articles in each RSS and Atom feed (10 to 100)"},
      {"feed_full_text", "on", "feeds: on carries each article's whole body, off only its highlights"},
      {"page_cache_mb", "32", "memory for cached pages, in MB (1 to 4096)"},
      {"cache_s_maxage", "60",
       "seconds a CDN or proxy may serve a page, feed or API answer without asking Qalam (s-maxage; "
       "browsers always revalidate). Raise it once a purger is configured (docs/DEPLOY.md); 0 to 31536000"},
      {"cache_stale_while_revalidate", "30",
       "seconds past that a CDN may still serve one while it fetches the new one (0 to 86400)"},
      {"cache_stale_if_error", "86400",
       "seconds a CDN may serve one while Qalam cannot answer (stopped, or errors; 0 to 604800)"},
      {"ticker_refresh_seconds", "60",
       "the longest a cached page shows the breaking ticker as it was before a change, for readers "
       "without JavaScript (open pages get the change live), in seconds (5 to 3600)"},
      {"moderation_mode", "automatic",
       "comments: pre (every comment waits for a moderator), automatic (rules and scores decide), "
       "post (published at once, flagged for review)"},
      {"moderation_hold_score", "auto",
       "comments: hold for a moderator when the classifier's score reaches this percentage (1 to 100), "
       "or auto: the threshold `qalam moderation train` chose for at most 10% of offensive comments published"},
      {"moderation_reject_score", "auto",
       "comments: the classifier's score (1 to 100) at which a comment may be rejected without a moderator, "
       "or auto: the threshold `qalam moderation train` chose for at most 2% of clean comments rejected"},
      {"moderation_reject_needs", "term",
       "comments: term (a score at the reject threshold rejects only when a listed term is found too; "
       "alone it holds) or score (the score alone rejects)"},
      {"comment_first_time", "auto",
       "comments: hold a first-time commenter's comment for a moderator: auto (while the site has no "
       "trained classifier), always, or never"},
      {"comment_max_chars", "2000", "comments: the longest comment, in characters (100 to 20000)"},
      {"comment_max_links", "2", "comments: more links than this hold a comment (0 to 20)"},
      {"comment_min_seconds", "3", "comments: a form sent sooner after loading is spam (0 to 600)"},
      {"comment_rate_per_hour", "10", "comments: at most this many per address and per email an hour (1 to 1000)"},
      {"comment_reports_to_queue", "3", "comments: reader reports that send an approved comment back to the queue (1 to 100)"},
      {"comment_trust", "off", "comments: on lets commenters with approved comments skip the queue"},
      {"comment_order", "newest", "comments: newest or oldest first under an article"},
      {"durability", "full",
       "what an acknowledged write survives: full (a power cut or a crash of the machine: each commit is "
       "flushed to the disk before the answer) or normal (a crash of Qalam, not of the machine: the last "
       "writes before a power cut may be lost; fewer disk flushes). Applies to processes opening the site "
       "after the change (restart qalam serve)"},
  };
  return specs;
}

const SettingSpec* FindSettingSpec(const std::string& key) {
  for (const auto& s : SettingSpecs()) {
    if (s.key == key) return &s;
  }
  return nullptr;
}

Status ValidateSetting(const std::string& key, const std::string& value,
                       std::string* canonical) {
  if (!FindSettingSpec(key)) {
    std::string keys;
    for (const auto& s : SettingSpecs()) keys += (keys.empty() ? "" : ", ") + s.key;
    return Status::Invalid("unknown setting \"" + key + "\"; known settings: " + keys);
  }
  if (!IsValidUtf8(value)) return Status::Invalid(key + " must be valid UTF-8 text");
  std::string v = ToNfc(Trim(value));
  Status st;
  if (key == "date_style") {
    v = AsciiLower(v);
    st = CheckEnum(key, v, {"egypt", "levant", "maghreb"});
  } else if (key == "digits") {
    v = AsciiLower(v);
    st = CheckEnum(key, v, {"western", "arabic"});
  } else if (key == "hijri") {
    v = AsciiLower(v);
    st = CheckEnum(key, v, {"on", "off"});
  } else if (key == "search_teh_marbuta") {
    v = AsciiLower(v);
    st = CheckEnum(key, v, {"fold", "keep"});
  } else if (key == "search_recency") {
    v = AsciiLower(v);
    st = CheckEnum(key, v, {"on", "off"});
  } else if (key == "page_size") {
    st = CheckInt(key, v, 5, 100);
  } else if (key == "feed_items") {
    st = CheckInt(key, v, 10, 100);
  } else if (key == "feed_full_text") {
    v = AsciiLower(v);
    st = CheckEnum(key, v, {"on", "off"});
  } else if (key == "page_cache_mb") {
    st = CheckInt(key, v, 1, 4096);
  } else if (key == "cache_s_maxage") {
    st = CheckInt(key, v, 0, 31536000);
  } else if (key == "cache_stale_while_revalidate") {
    st = CheckInt(key, v, 0, 86400);
  } else if (key == "cache_stale_if_error") {
    st = CheckInt(key, v, 0, 604800);
  } else if (key == "ticker_refresh_seconds") {
    st = CheckInt(key, v, 5, 3600);
  } else if (key == "moderation_mode") {
    v = AsciiLower(v);
    st = CheckEnum(key, v, {"pre", "automatic", "post"});
  } else if (key == "moderation_hold_score" || key == "moderation_reject_score") {
    v = AsciiLower(v);
    if (v != "auto") {
      st = CheckInt(key, v, 1, 100);
      if (!st.ok()) st = Status::Invalid(st.message() + "; or auto");
    }
  } else if (key == "moderation_reject_needs") {
    v = AsciiLower(v);
    st = CheckEnum(key, v, {"term", "score"});
  } else if (key == "comment_first_time") {
    v = AsciiLower(v);
    st = CheckEnum(key, v, {"auto", "always", "never"});
  } else if (key == "comment_max_chars") {
    st = CheckInt(key, v, 100, 20000);
  } else if (key == "comment_max_links") {
    st = CheckInt(key, v, 0, 20);
  } else if (key == "comment_min_seconds") {
    st = CheckInt(key, v, 0, 600);
  } else if (key == "comment_rate_per_hour") {
    st = CheckInt(key, v, 1, 1000);
  } else if (key == "comment_reports_to_queue") {
    st = CheckInt(key, v, 1, 100);
  } else if (key == "comment_order") {
    v = AsciiLower(v);
    st = CheckEnum(key, v, {"newest", "oldest"});
  } else if (key == "durability") {
    v = AsciiLower(v);
    st = CheckEnum(key, v, {"full", "normal"});
  } else if (key == "comment_trust") {
    v = AsciiLower(v);
    st = CheckEnum(key, v, {"on", "off"});
  } else if (key == "site_url") {
    while (!v.empty() && v.back() == '/') v.pop_back();
    st = CheckUrl(key, v);
  } else if (key == "publisher_logo" || key == "logo" || key == "logo_dark" || key == "favicon") {
    if (!v.empty()) st = CheckInt(key, v, 1, 2000000000);
  } else if (key == "timezone") {
    st = CheckTimeZone(key, v);
  } else if (key == "footer_text") {
    if (!v.empty()) st = CheckText(key, v, 300);
    if (st.ok() && v.find_first_of("\r\n") != std::string::npos) st = Status::Invalid(key + " must be one line");
  } else if (key == "comment_terms") {
    st = CheckText(key, v, 5000);
  } else {
    st = CheckText(key, v, 300);
  }
  if (st.ok()) *canonical = v;
  return st;
}

const std::string& Settings::Get(const std::string& key) const {
  auto it = values_.find(key);
  if (it != values_.end()) return it->second;
  const SettingSpec* spec = FindSettingSpec(key);
  static const std::string empty;
  return spec ? spec->default_value : empty;
}

int Settings::GetInt(const std::string& key) const {
  int n = 0;
  const std::string& v = Get(key);
  if (auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
      ec != std::errc() || end != v.data() + v.size()) {
    // Values are checked when saved (CheckInt); one that is not a number
    // (a database edited by hand) reads as the default, which always is.
    const SettingSpec* spec = FindSettingSpec(key);
    n = 0;
    if (spec) (void)std::from_chars(spec->default_value.data(), spec->default_value.data() + spec->default_value.size(), n);
  }
  return n;
}

bool Settings::GetBool(const std::string& key) const { return Get(key) == "on"; }

std::string Settings::LinkOrigin(const std::string& actual) const {
  const SettingSpec* spec = FindSettingSpec("site_url");
  if (!actual.empty() && spec && site_url() == spec->default_value) return actual;
  return site_url();
}

}  // namespace qalam
