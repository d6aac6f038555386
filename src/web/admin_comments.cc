// The moderators' desk (issue 5, "Moderators"). Handle() has already signed
// the user in and checked a POST's anti-forgery token.
//
//   /admin/comments             the queue: pending first (the store's order),
//                               filtered by state (?state=pending|approved|
//                               rejected|spam|reported) and article
//                               (?article=ID), 30 a page (?page=N). Each
//                               comment with its article, the machine's
//                               decision, its scores and reasons, and its
//                               text with the matched terms in <mark>.
//   POST /admin/comments/ID     action=approve|reject|spam|edit|reply
//   POST /admin/comments/bulk   action=approve|reject|spam for many: ids=1,2,3
//                               (moderation.js fills it) and/or pick_ID=1
//                               (the checkboxes themselves, without script)
//   /admin/comments/commenter   a commenter's comments, by email address:
//                               export (a JSON download) or erase (after a
//                               confirmation step)
//   /admin/terms                the term lists: add, remove (POST
//                               /admin/terms/ID/remove)
//
// Who: the queue and its actions, Action::kModerateComments (moderators,
// chief editors, admins). Export and erasure on request: chief editors and
// admins only. The queue never shows an email address, so that moderators
// judge pseudonymous comments; looking comments up by address would tie an
// address to a commenter, so that is left to the two roles who answer the
// site's data requests (every lookup is audited, without the address).
// The term lists: admins (Action::kManageSettings); every running server
// rereads them on the next tick (the change key moderation:terms).
//
// Every decision is audited (comment.approve, comment.reject, comment.spam,
// comment.edit, comment.reply; target comment:ID) and logged with its
// training label in the same transaction (services/comment_moderation.h,
// which also holds the rules: no-op repeats, screening an edit again, a
// reply publishing the comment it answers). Every POST
// that changes something answers 303 back to the queue, its filters kept,
// with a notice.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <string_view>

#include "arabic/dates.h"
#include "arabic/plural.h"
#include "core/roles.h"
#include "core/text.h"
#include "moderation/term_matcher.h"
#include "content/text_hygiene.h"
#include "services/comments.h"
#include "web/admin_handler.h"
#include "web/admin_visit.h"
#include "web/query_string.h"

namespace qalam {
namespace {

constexpr int64_t kPerPage = 30;
constexpr int64_t kArticleChoices = 200;  // Articles offered in the filter.
constexpr size_t kMaxBulk = 500;
constexpr size_t kMaxEmail = 254;

// A decimal number above zero, nothing else.
bool ParseId(std::string_view s, Id* out) { return ParsePositive(s, out); }

std::string When(int64_t utc, const DateStyle& style) {
  return FormatArabicDateTime(utc, style);
}

std::string Percent(double x) {
  if (!std::isfinite(x)) return "—";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.0f٪", std::round(std::clamp(x, 0.0, 1.0) * 100));
  return buf;
}

std::string Number(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f", std::isfinite(x) ? x : 0.0);
  return buf;
}

// The queue's filters, as its address carries them.
struct QueueQuery {
  std::string state;  // "", pending, approved, rejected, spam, reported
  Id article = 0;
  int64_t page = 1;

  static QueueQuery From(const std::map<std::string, std::string>& q) {
    QueueQuery out;
    if (auto it = q.find("state"); it != q.end()) {
      CommentState s;
      if (it->second == "reported" || ParseCommentState(it->second, &s)) out.state = it->second;
    }
    if (auto it = q.find("article"); it != q.end()) ParseId(it->second, &out.article);
    if (auto it = q.find("page"); it != q.end()) {
      Id p = 0;
      if (ParseId(it->second, &p) && p <= 100000) out.page = p;
    }
    return out;
  }
  // "state=pending&article=3&page=2", without the defaults.
  std::string Query(bool with_page = true) const {
    std::string s;
    auto add = [&](const std::string& kv) { s += (s.empty() ? "" : "&") + kv; };
    if (!state.empty()) add("state=" + state);
    if (article) add("article=" + std::to_string(article));
    if (with_page && page > 1) add("page=" + std::to_string(page));
    return s;
  }
  std::string Url(const std::string& extra = "", bool with_page = true) const {
    std::string q = Query(with_page);
    if (!extra.empty()) q += (q.empty() ? "" : "&") + extra;
    return "/admin/comments" + (q.empty() ? "" : "?" + q);
  }
  CommentFilter Filter() const {
    CommentFilter f;
    f.article_id = article;
    if (state == "reported") {
      f.reported = true;
    } else if (!state.empty()) {
      CommentState s;
      if (ParseCommentState(state, &s)) f.state = s;
    }
    return f;
  }
};

// The queue a form came from (its hidden "back" field).
QueueQuery BackQuery(const std::map<std::string, std::string>& form) {
  std::map<std::string, std::string> q;
  auto it = form.find("back");
  if (it == form.end() || !ParseQueryString(it->second, &q)) q.clear();
  return QueueQuery::From(q);
}

struct StateTab {
  const char* value;
  const char* name;
};
constexpr StateTab kStateTabs[] = {{"", "الكل"},
                                   {"pending", "بانتظار المراجعة"},
                                   {"approved", "منشورة"},
                                   {"rejected", "مرفوضة"},
                                   {"spam", "مزعجة"},
                                   {"trash", "المحذوفة"},
                                   {"reported", "أبلغ عنها القراء"}};

const char* StateName(CommentState s) {
  switch (s) {
    case CommentState::kPending: return "بانتظار المراجعة";
    case CommentState::kApproved: return "منشور";
    case CommentState::kRejected: return "مرفوض";
    case CommentState::kSpam: return "مزعج";
    case CommentState::kTrash: return "محذوف";
  }
  return "";
}

const char* DecisionName(const std::string& d) {
  if (d == "approve") return "النشر";
  if (d == "hold") return "الحجز للمراجعة";
  if (d == "reject") return "الرفض";
  return "";
}

const char* StepName(const std::string& step) {
  if (step == "spam") return "حماية من الرسائل المزعجة";
  if (step == "term") return "قوائم الكلمات";
  if (step == "classifier") return "المصنّف";
  if (step == "mode") return "وضع الإشراف";
  if (step == "trust") return "الثقة";
  if (step == "edit") return "تعديل المشرف";
  if (step == "first_time") return "معلّق جديد";
  return "";
}

// `count` is n as the desk writes it (the site's digits).
std::string Notice(const std::string& done, int64_t n, const std::string& count) {
  if (done == "approve") return n > 1 ? "نُشرت التعليقات المحددة (" + count + ")." : "نُشر التعليق.";
  if (done == "reject") return n > 1 ? "رُفضت التعليقات المحددة (" + count + ")." : "رُفض التعليق.";
  if (done == "spam") return n > 1 ? "عُلّمت التعليقات المحددة مزعجة (" + count + ")." : "عُلّم التعليق مزعجًا.";
  if (done == "trash") {
    return n > 1 ? "نُقلت التعليقات المحددة إلى المحذوفة (" + count + ")."
                 : "نُقل التعليق إلى المحذوفة؛ يعود إن نشرته من جديد.";
  }
  if (done == "edit") return "حُفظ نص التعليق.";
  if (done == "reply") return "نُشر ردك تحت التعليق باسمك ومعه «من أسرة التحرير».";
  if (done == "reply_approved") return "نُشر التعليق ونُشر ردك تحته باسمك ومعه «من أسرة التحرير».";
  if (done == "unchanged") return "لم يتغير شيء.";
  if (done == "already") return "سبقك مشرف إلى القرار نفسه؛ لم يتغير شيء.";
  if (done == "none") return "لم تحدد أي تعليق؛ اختر التعليقات بمربعات الاختيار ثم الإجراء.";
  if (done == "gone") return "لم يعد التعليق موجودًا.";
  return "";
}

// --- reasons and marks

struct Span {
  size_t begin, end;
};

bool Unsigned(const nlohmann::json& j, const char* key, size_t* out) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return false;
  const double d = it->get<double>();
  if (!std::isfinite(d) || d < 0 || d > 1e12) return false;
  *out = static_cast<size_t>(d);
  return true;
}

std::string Str(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

bool Num(const nlohmann::json& j, const char* key, double* out) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return false;
  *out = it->get<double>();
  return std::isfinite(*out);
}

// The body, escaped, with the spans in <mark>. Offsets are bytes into the
// body as stored; spans out of range are cut to it (or dropped), spans that
// fall inside a character are widened to whole characters, and overlapping
// or touching spans are merged so marks never nest.
std::string MarkedCommentHtml(const std::string& body, std::vector<Span> spans) {
  auto continuation = [&](size_t i) {
    return i < body.size() && (static_cast<unsigned char>(body[i]) & 0xC0) == 0x80;
  };
  std::vector<Span> ok;
  for (Span s : spans) {
    if (s.begin >= body.size() || s.end <= s.begin) continue;
    s.end = std::min(s.end, body.size());
    while (s.begin > 0 && continuation(s.begin)) --s.begin;
    while (s.end < body.size() && continuation(s.end)) ++s.end;
    ok.push_back(s);
  }
  std::sort(ok.begin(), ok.end(), [](const Span& a, const Span& b) { return a.begin < b.begin; });
  std::vector<Span> merged;
  for (const Span& s : ok) {
    if (!merged.empty() && s.begin <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, s.end);
    } else {
      merged.push_back(s);
    }
  }
  std::string html;
  size_t at = 0;
  for (const Span& s : merged) {
    html += HtmlEscape(std::string_view(body).substr(at, s.begin - at));
    html += "<mark>";
    html += HtmlEscape(std::string_view(body).substr(s.begin, s.end - s.begin));
    html += "</mark>";
    at = s.end;
  }
  html += HtmlEscape(std::string_view(body).substr(at));
  return html;
}

// What the queue shows of one comment's reasons, scores and text.
nlohmann::json ReviewView(const Comment& c) {
  nlohmann::json reasons = nlohmann::json::array();
  std::vector<Span> spans;
  std::string crossed_category;  // The classifier's leaning, when a score crossed a threshold.
  nlohmann::json stored = nlohmann::json::parse(c.reasons, nullptr, false);
  if (stored.is_array()) {
    for (const nlohmann::json& r : stored) {
      if (!r.is_object()) continue;
      const std::string step = Str(r, "step"), code = Str(r, "code");
      nlohmann::json item = {{"step", step}, {"code", code}, {"message", Str(r, "message")}};
      if (const char* name = StepName(step); *name) item["step_name"] = name;
      const std::string term = Str(r, "term");
      size_t begin = 0, end = 0;
      if (!term.empty()) {
        item["term"] = term;
        if (Unsigned(r, "begin", &begin) && Unsigned(r, "end", &end) && end > begin) spans.push_back({begin, end});
        item["reject"] = code == "term_reject";
      }
      const std::string category = Str(r, "category");
      if (!category.empty()) item["category"] = CategoryName(category);
      double score = 0, threshold = 0;
      if (Num(r, "score", &score) && Num(r, "threshold", &threshold)) {
        if (step == "classifier") {
          const char* limit = code == "score_reject" || code == "score_unconfirmed" ? "حد الرفض" : "حد المراجعة";
          item["crossing"] = "غير مقبول " + Percent(score) + " ≥ " + limit + " " + Percent(threshold);
          crossed_category = category;
        } else {
          item["crossing"] = Number(score) + " > الحد " + Number(threshold);
        }
      }
      reasons.push_back(std::move(item));
    }
  }
  nlohmann::json scores = nlohmann::json::array();
  nlohmann::json stored_scores = nlohmann::json::parse(c.scores, nullptr, false);
  if (stored_scores.is_object() && !stored_scores.empty()) {
    const struct {
      const char* key;
      const char* name;
    } kScores[] = {{"offensive", "إساءة"}, {"hate", "كراهية"}, {"not_ok", "غير مقبول"}};
    for (const auto& s : kScores) {
      double x = 0;
      if (!Num(stored_scores, s.key, &x)) continue;
      const bool crossed = !crossed_category.empty() &&
                           (std::string(s.key) == "not_ok" || crossed_category == s.key);
      scores.push_back({{"key", s.key}, {"name", s.name}, {"value", Percent(x)}, {"crossed", crossed}});
    }
  }
  return {{"reasons", reasons},
          {"has_reasons", !reasons.empty()},
          {"scores", scores},
          {"has_scores", !scores.empty()},
          {"body_html", MarkedCommentHtml(c.body, spans)},
          {"marks", !spans.empty()}};
}

// A commenter's comments as the JSON they asked for.
nlohmann::json ExportJson(const std::string& email, const std::vector<Comment>& comments,
                          const std::string& site_url, int64_t now, const std::string& timezone) {
  nlohmann::json list = nlohmann::json::array();
  for (const Comment& c : comments) {
    const std::string article_url = site_url + "/article/" + PercentEncode(c.article_slug);
    nlohmann::json item = {{"id", c.id},
                           {"article", {{"id", c.article_id}, {"title", c.article_title}, {"url", article_url}}},
                           {"name", c.name},
                           {"text", c.body},
                           {"state", ToString(c.state)},
                           {"created_at", FormatIsoDateTime(c.created_at, timezone)}};
    if (c.parent_id) item["reply_to"] = c.parent_id;
    if (c.state == CommentState::kApproved) item["url"] = article_url + "#comment-" + std::to_string(c.id);
    list.push_back(std::move(item));
  }
  return {{"email", email},
          {"site", site_url},
          {"exported_at", FormatIsoDateTime(now, timezone)},
          {"count", comments.size()},
          {"comments", list}};
}

bool LooksLikeEmail(const std::string& s) {
  const size_t at = s.find('@');
  return !s.empty() && s.size() <= kMaxEmail && at != std::string::npos && at > 0 && at + 1 < s.size() &&
         s.find('@', at + 1) == std::string::npos &&
         std::none_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f; });
}

bool IsHexDigest(const std::string& s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

// What the desk tells moderators and admins about the machine's state
// (issue 10): no classifier yet, thresholds from other sites' data until the
// site's own decisions are enough, or from those decisions.
std::string MachineStatus(const MachineReview& r, const Settings& settings, Digits digits) {
  const CountedNoun decisions{"لا قرارات", "قرار واحد", "قراران", "{n} قرارات", "{n} قرارًا", "{n} قرار"};
  if (!r.has_classifier) {
    const std::string first = settings.Get("comment_first_time");
    std::string s = "لا مصنّف مدرَّب لهذا الموقع بعد، فقوائم الكلمات وحدها تفحص التعليقات";
    if (first == "auto" || first == "always") s += "، وينتظر المشرفَ أولُ تعليق لكل معلّق جديد";
    return s + ". يدرّبه مدير الموقع بالأمر qalam moderation train، ويتعلم من قرارات المشرفين هنا.";
  }
  if (r.thresholds == "setting") {
    return "حدا المصنّف من إعدادات الموقع: المراجعة عند " + LocalDigits(Percent(r.hold), digits) + "، والرفض عند " +
           (r.reject > 1 ? std::string("لا شيء") : LocalDigits(Percent(r.reject), digits)) + ".";
  }
  if (r.thresholds == "site") return "اختار التدريب حدَّي المصنّف من قرارات مشرفي هذا الموقع.";
  if (r.thresholds == "fallback") {
    return "دُرّب هذا المصنّف قبل أن يختار التدريب حدّيه لأهداف الإشراف، فيعمل بحدّين احتياطيين: المراجعة عند " +
           LocalDigits(Percent(r.hold), digits) + "، والرفض عند " +
           (r.reject > 1 ? std::string("لا شيء") : LocalDigits(Percent(r.reject), digits)) +
           " مع كلمة من القوائم. أعد تدريبه بالأمر qalam moderation train.";
  }
  return "اختار التدريب حدَّي المصنّف من بيانات مواقع أخرى كي لا يُرفض تعليق سليم، فينتظر المراجعةَ كثيرٌ من التعليقات. "
         "بعد " + Count(static_cast<int64_t>(r.needed_for_site), decisions, digits) +
         " من مشرفي الموقع يختارهما التدريب التالي من قراراتكم (لديكم الآن " +
         Count(static_cast<int64_t>(r.site_decisions), decisions, digits) + ").";
}


}  // namespace

// --- the queue ---------------------------------------------------------------------

HttpReply AdminHandler::CommentsRoute(Visit& v) {
  if (!Can(v.user.role, Action::kModerateComments)) {
    return Message(v, 403, "غير مسموح", "مراجعة التعليقات متاحة لمشرفي التعليقات ورئيس التحرير ومدير الموقع.");
  }
  const std::string rest = v.path.substr(std::char_traits<char>::length("/admin/comments"));
  const std::string timezone = v.settings.timezone();
  const DateStyle style = MakeDateStyle(v.settings.Get("date_style"), v.settings.Get("digits"), "off", timezone);
  const size_t max_chars = static_cast<size_t>(v.settings.GetInt("comment_max_chars"));
  auto server_error = [&](const Status& st) {
    spdlog::error("comments desk: {}", st.message());
    return Message(v, 500, "خطأ في الخادم", "تعذّر إتمام العملية، حاول بعد قليل.");
  };
  const bool may_export = v.user.role == Role::kAdmin || v.user.role == Role::kChiefEditor;

  // What a queue page shows besides the list: a refusal for one comment's
  // edit or reply form, with what was typed.
  struct Extras {
    Id id = 0;
    std::string error;
    bool edit = false;  // Else the reply form.
    std::string text;
  };
  auto page = [&](int status, const QueueQuery& q, const Extras& x) {
    std::vector<Comment> comments;
    int64_t total = 0;
    if (Status st = moderation_.Queue(q.Filter(), (q.page - 1) * kPerPage, kPerPage, &comments, &total);
        !st.ok()) {
      return server_error(st);
    }
    std::map<Id, std::string> deciders;  // Account names, read once each.
    auto decider = [&](Id id) -> std::string {
      if (!id) return "";
      auto it = deciders.find(id);
      if (it != deciders.end()) return it->second;
      User u;
      return deciders[id] = accounts_.Get(id, &u).ok() ? u.name : "";
    };
    const std::string back = q.Query();
    bool shown_error = false;
    nlohmann::json list = nlohmann::json::array();
    for (const Comment& c : comments) {
      const std::string article_url = "/article/" + PercentEncode(c.article_slug);
      const std::string id = std::to_string(c.id);
      nlohmann::json item = {{"id", id}, {"number", v.Number(c.id)},
                             {"article_title", c.article_title},
                             {"article_url", article_url},
                             {"only_article", "/admin/comments?article=" + std::to_string(c.article_id)},
                             {"name", c.name},
                             {"staff", c.user_id != 0},
                             {"when", When(c.created_at, style)},
                             {"when_iso", FormatIsoDateTime(c.created_at, timezone)},
                             {"state", ToString(c.state)},
                             {"state_name", StateName(c.state)},
                             {"can_approve", c.state != CommentState::kApproved},
                             {"can_reject", c.state != CommentState::kRejected},
                             {"can_spam", c.state != CommentState::kSpam},
                             {"can_trash", c.state != CommentState::kTrash},
                             {"edit_text", c.body},
                             {"reply_text", ""}};
      if (c.state == CommentState::kApproved) item["comment_url"] = article_url + "#comment-" + id;
      if (const char* d = DecisionName(c.decision); *d) item["decision_name"] = d;
      if (c.reports > 0) item["reports"] = v.Number(c.reports);
      if (c.parent_id) item["reply_to"] = std::to_string(c.parent_id);
      if (c.decided_at) {
        item["decided"] = When(c.decided_at, style);
        item["decided_iso"] = FormatIsoDateTime(c.decided_at, timezone);
        const std::string who = decider(c.decided_by);
        if (!who.empty()) item["decided_by"] = who;
      }
      item.update(ReviewView(c));
      if (x.id == c.id) {
        shown_error = true;
        item["item_error"] = x.error;
        item[x.edit ? "edit_open" : "reply_open"] = true;
        item[x.edit ? "edit_text" : "reply_text"] = x.text;
      }
      list.push_back(std::move(item));
    }
    // State tabs, each with its count under the article filter.
    nlohmann::json tabs = nlohmann::json::array();
    for (const StateTab& t : kStateTabs) {
      QueueQuery tq = q;
      tq.state = t.value;
      tq.page = 1;
      std::vector<Comment> none;
      int64_t n = 0;
      if (Status st = moderation_.Queue(tq.Filter(), 0, 0, &none, &n); !st.ok()) return server_error(st);
      tabs.push_back({{"name", t.name}, {"url", tq.Url()}, {"count", v.Number(n)},
                      {"current", q.state == t.value}, {"value", t.value}});
    }
    std::vector<CommentedArticle> articles;
    if (Status st = moderation_.CommentedArticles(kArticleChoices, &articles); !st.ok()) return server_error(st);
    nlohmann::json options = nlohmann::json::array();
    bool chosen_listed = false;
    for (const CommentedArticle& a : articles) {
      chosen_listed = chosen_listed || a.id == q.article;
      nlohmann::json option = {{"id", std::to_string(a.id)}, {"title", a.title}, {"selected", a.id == q.article}};
      if (a.pending > 0) option["pending"] = v.Number(a.pending);
      options.push_back(std::move(option));
    }
    std::string article_title;
    if (q.article) {
      (void)moderation_.ArticleTitle(q.article, &article_title);  // Unreadable: shown without its title.
      if (!chosen_listed) {
        options.push_back({{"id", std::to_string(q.article)},
                           {"title", article_title.empty() ? "مقال رقم " + v.Number(q.article) : article_title},
                           {"selected", true}});
      }
    }
    MachineReview machine;
    if (Status st = comments_.Review(v.settings, v.now, 0, &machine); !st.ok()) return server_error(st);
    nlohmann::json view = {{"title", "التعليقات"},
                           {"machine_status", MachineStatus(machine, v.settings, style.digits)},
                           {"comments", list},
                           {"has_comments", !list.empty()},
                           {"total", v.Number(total)},
                           {"tabs", tabs},
                           {"articles", options},
                           {"back", back},
                           {"may_export", may_export}};
    if (!q.state.empty()) view["state"] = q.state;
    if (q.article) {
      view["article_filter"] = article_title.empty() ? "مقال رقم " + v.Number(q.article) : article_title;
      QueueQuery all = q;
      all.article = 0;
      all.page = 1;
      view["clear_article"] = all.Url();
    }
    if (q.page > 1) {
      QueueQuery p = q;
      p.page = q.page - 1;
      view["prev"] = p.Url();
    }
    if (q.page * kPerPage < total) {
      QueueQuery p = q;
      p.page = q.page + 1;
      view["next"] = p.Url();
    }
    if (q.page > 1 || q.page * kPerPage < total) {
      view["page_info"] = "صفحة " + v.Number(q.page) + " من " + v.Number((total + kPerPage - 1) / kPerPage);
    }
    if (!x.error.empty() && !shown_error) view["error"] = x.error;
    if (auto it = v.query.find("done"); it != v.query.end() && !v.post) {
      int64_t n = 1;
      if (auto nt = v.query.find("n"); nt != v.query.end()) ParseId(nt->second, &n);
      const std::string notice = Notice(it->second, n, v.Number(n));
      if (!notice.empty()) view["notice"] = notice;
    }
    return Page(v, status, "comments", view);
  };

  if (rest.empty() || rest == "/") {
    if (v.post) return Message(v, 400, "طلب غير صالح", "أرسل النموذج من صفحة التعليقات.");
    return page(200, QueueQuery::From(v.query), Extras{});
  }
  if (rest == "/machine") {
    // --- the machine against the moderators, week by week
    if (v.post) return Message(v, 400, "طلب غير صالح", "هذه الصفحة للعرض فقط.");
    constexpr int kWeeks = 8;
    MachineReview r;
    if (Status st = comments_.Review(v.settings, v.now, kWeeks, &r); !st.ok()) return server_error(st);
    const Digits digits = style.digits;
    auto num = [digits](size_t n) { return LocalDigits(std::to_string(n), digits); };
    auto pct = [digits](double x) { return LocalDigits(Percent(x), digits); };
    size_t most = 1;
    for (const ReviewWeek& w : r.weeks) most = std::max(most, w.decisions);
    // A bar per week, its height the decisions, split by how the machine
    // and the moderators agreed (drawn in SVG: no script).
    constexpr int kBarWidth = 28, kGap = 12, kHeight = 120;
    nlohmann::json bars = nlohmann::json::array(), rows = nlohmann::json::array();
    for (size_t i = 0; i < r.weeks.size(); ++i) {
      const ReviewWeek& w = r.weeks[i];
      // Right to left, as the page reads: the oldest week on the right.
      const int x = static_cast<int>(r.weeks.size() - 1 - i) * (kBarWidth + kGap) + kGap;
      int y = kHeight;
      nlohmann::json parts = nlohmann::json::array();
      const struct {
        size_t n;
        const char* kind;
      } segments[] = {{w.published_approved + w.stopped_rejected, "agree"},
                      {w.held_approved, "held"},
                      {w.published_rejected, "missed"},
                      {w.rejected_approved, "false"}};
      for (const auto& seg : segments) {
        if (seg.n == 0) continue;
        const int h = std::max(1, static_cast<int>(seg.n * (kHeight - 18) / most));
        y -= h;
        parts.push_back({{"kind", seg.kind}, {"y", y}, {"h", h}});
      }
      const std::string week = FormatArabicDate(w.start, style);
      nlohmann::json bar = {{"x", x}, {"w", kBarWidth}, {"parts", parts}};
      if (w.decisions) {
        bar["count"] = num(w.decisions);
        bar["count_x"] = x + kBarWidth / 2;
        bar["count_y"] = std::max(12, y - 4);
      }
      bar["label"] = week + ": " + num(w.decisions) + " — اتفاق " + pct(w.agreement());
      bars.push_back(std::move(bar));
      rows.push_back({{"week", week},
                      {"decisions", num(w.decisions)},
                      {"agreement", w.decisions ? pct(w.agreement()) : "—"},
                      {"held_approved", num(w.held_approved)},
                      {"false_rejections", num(w.rejected_approved)},
                      {"missed", num(w.published_rejected)}});
    }
    nlohmann::json view = {{"title", "الآلة والمشرفون"},
                           {"status", MachineStatus(r, v.settings, digits)},
                           {"has_classifier", r.has_classifier},
                           {"bars", bars},
                           {"rows", rows},
                           {"chart_width", static_cast<int>(r.weeks.size()) * (kBarWidth + kGap) + kGap},
                           {"chart_height", kHeight},
                           {"total",
                            {{"decisions", num(r.total.decisions)},
                             {"agreement", r.total.decisions ? pct(r.total.agreement()) : "—"},
                             {"held_approved", num(r.total.held_approved)},
                             {"false_rejections", num(r.total.rejected_approved)},
                             {"missed", num(r.total.published_rejected)}}},
                           {"has_decisions", r.total.decisions > 0}};
    return Page(v, 200, "comments_machine", view);
  }
  if (rest == "/commenter") {
    // --- a commenter's data on request
    if (!may_export) {
      return Message(v, 403, "غير مسموح", "تصدير تعليقات المعلّق وحذفها بناء على طلبه متاحان لرئيس التحرير ومدير الموقع.");
    }
    auto commenter_page = [&](int status, nlohmann::json view) {
      view["title"] = "بيانات معلّق";
      if (auto it = v.query.find("done"); it != v.query.end() && it->second == "erased" && !v.post) {
        int64_t n = 0;
        if (auto nt = v.query.find("n"); nt != v.query.end()) ParseId(nt->second, &n);
        view["notice"] = "حُذفت تعليقات المعلّق (" + v.Number(n) + ") والردود عليها نهائيًا.";
      }
      return Page(v, status, "comment_commenter", view);
    };
    if (!v.post) return commenter_page(200, nlohmann::json::object());
    const std::string action = v.Form("action");
    if (action == "erase_confirm") {
      const std::string hash = v.Form("hash");
      if (!IsHexDigest(hash)) return Message(v, 400, "طلب غير صالح", "أرسل النموذج من صفحة بيانات المعلّق.");
      int64_t erased = 0;
      // Audited in the erasure's own transaction: it never happens unrecorded.
      if (Status st = moderation_.Erase(hash, v.user.id, v.now, &erased); !st.ok()) return server_error(st);
      return Redirect("/admin/comments/commenter?done=erased&n=" + std::to_string(erased));
    }
    if (action != "export" && action != "erase") {
      return Message(v, 400, "طلب غير صالح", "أرسل النموذج من صفحة بيانات المعلّق.");
    }
    // The address typed is never written back into a page.
    const std::string email = Trim(v.Form("email"));
    if (!LooksLikeEmail(email)) {
      return commenter_page(400, {{"error", "اكتب عنوان البريد الإلكتروني كاملًا كما كتبه المعلّق، مثل name@example.com."}});
    }
    const std::string hash = CommentService::EmailHash(email);
    std::vector<Comment> comments;
    // An export is audited (which commenter, never the address); the list
    // shown before an erasure is not, the erasure is.
    Status st = action == "export" ? moderation_.Export(hash, v.user.id, v.now, &comments)
                                   : moderation_.CommenterComments(hash, &comments);
    if (!st.ok()) return server_error(st);
    if (action == "export") {
      if (comments.empty()) {
        return commenter_page(404, {{"error", "لا تعليقات محفوظة بهذا العنوان."}});
      }
      HttpReply r;
      r.status = 200;
      r.content_type = "application/json; charset=utf-8";
      r.cache_control = "no-store";
      r.body = std::make_shared<const std::string>(
          ExportJson(email, comments, v.settings.site_url(), v.now, timezone)
              .dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
          "\n");
      r.headers = v.set_cookies;
      r.headers.emplace_back("Content-Disposition",
                             "attachment; filename=\"comments-" + hash.substr(0, 12) + ".json\"");
      r.headers.emplace_back("X-Robots-Tag", "noindex, nofollow");
      return r;
    }
    // Erase: first show what would go, and ask.
    if (comments.empty()) return commenter_page(404, {{"error", "لا تعليقات محفوظة بهذا العنوان."}});
    nlohmann::json list = nlohmann::json::array();
    for (const Comment& c : comments) {
      list.push_back({{"excerpt", Excerpt(c.body, 160)},
                      {"article_title", c.article_title},
                      {"when", When(c.created_at, style)},
                      {"when_iso", FormatIsoDateTime(c.created_at, timezone)},
                      {"state_name", StateName(c.state)}});
    }
    return commenter_page(200, {{"confirm", {{"hash", hash}, {"count", v.Number(static_cast<int64_t>(comments.size()))},
                                             {"comments", list}}}});
  }

  const QueueQuery back = BackQuery(v.form);
  if (rest == "/bulk") {
    if (!v.post) return Redirect("/admin/comments");
    const CommentDecision* d = FindCommentDecision(v.Form("action"));
    if (!d) return Message(v, 400, "طلب غير صالح", "اختر الإجراء: نشر أو رفض أو مزعج.");
    std::set<Id> ids;
    const std::string joined = v.Form("ids");
    for (size_t i = 0; i <= joined.size() && ids.size() < kMaxBulk;) {
      size_t comma = joined.find(',', i);
      if (comma == std::string::npos) comma = joined.size();
      Id id = 0;
      if (ParseId(Trim(std::string_view(joined).substr(i, comma - i)), &id)) ids.insert(id);
      i = comma + 1;
    }
    for (const auto& [name, value] : v.form) {
      Id id = 0;
      if (ids.size() < kMaxBulk && name.rfind("pick_", 0) == 0 && !value.empty() && ParseId(name.substr(5), &id)) {
        ids.insert(id);
      }
    }
    if (ids.empty()) return Redirect(back.Url("done=none"));
    int64_t done = 0, found = 0;
    std::set<std::string> changes;
    if (Status st = moderation_.DecideMany(ids, *d, v.user.id, v.now, &found, &done, &changes); !st.ok()) {
      return server_error(st);
    }
    if (found == 0) return Redirect(back.Url("done=gone"));
    if (done == 0) return Redirect(back.Url("done=already"));
    return Redirect(back.Url(std::string("done=") + d->action + "&n=" + std::to_string(done)));
  }

  Id id = 0;
  if (!ParseId(rest.substr(1), &id)) {
    return Message(v, 404, "الصفحة غير موجودة", "لا توجد صفحة بهذا العنوان في مكتب التحرير.");
  }
  if (!v.post) return Redirect("/admin/comments#c-" + std::to_string(id));
  Comment c;
  if (Status st = comments_.Get(id, &c); !st.ok()) {
    if (st.IsNotFound()) return Message(v, 404, "التعليق غير موجود", "لا يوجد تعليق بهذا الرقم؛ ربما حُذف.");
    return server_error(st);
  }
  const std::string anchor = "#c-" + std::to_string(id);
  const std::string action = v.Form("action");

  if (const CommentDecision* d = FindCommentDecision(action)) {
    std::set<std::string> changes;
    bool changed = false;
    Status st = moderation_.Decide(id, *d, v.user.id, v.now, &changed, &changes);
    if (st.IsNotFound()) return Message(v, 404, "التعليق غير موجود", "لا يوجد تعليق بهذا الرقم؛ ربما حُذف.");
    if (!st.ok()) return server_error(st);
    if (!changed) return Redirect(back.Url("done=already") + anchor);
    return Redirect(back.Url(std::string("done=") + d->action) + anchor);
  }

  if (action == "edit" || action == "reply") {
    const bool edit = action == "edit";
    const std::string typed = v.Form("body");
    auto refuse = [&](const std::string& error) {
      Extras x;
      x.id = id;
      x.error = error;
      x.edit = edit;
      x.text = typed;
      return page(400, back, x);
    };
    std::set<std::string> changes;
    if (edit) {
      bool changed = false;
      Status st = moderation_.Edit(c, typed, static_cast<int>(max_chars), v.user.id, v.now, &changed, &changes);
      if (st.IsInvalid()) return refuse(st.message());
      if (st.IsNotFound()) return Message(v, 404, "التعليق غير موجود", "لا يوجد تعليق بهذا الرقم؛ ربما حُذف.");
      if (!st.ok()) return server_error(st);
      return Redirect(back.Url(changed ? "done=edit" : "done=unchanged") + anchor);
    }
    // A reply from the newsroom: published at once under the comment, which
    // is published too if it was waiting (a reply under a hidden comment
    // would not show).
    Id reply_id = 0;
    bool approved_parent = false;
    Status st = moderation_.Reply(c, typed, static_cast<int>(max_chars), v.user, v.now, &reply_id, &approved_parent,
                                  &changes);
    if (st.IsInvalid()) return refuse(st.message());
    if (st.IsNotFound()) return Message(v, 404, "التعليق غير موجود", "لا يوجد تعليق بهذا الرقم؛ ربما حُذف.");
    if (!st.ok()) return server_error(st);
    return Redirect(back.Url(approved_parent ? "done=reply_approved" : "done=reply") + anchor);
  }
  return Message(v, 400, "طلب غير صالح", "أرسل النموذج من صفحة التعليقات.");
}

// --- the term lists ----------------------------------------------------------------

HttpReply AdminHandler::TermsRoute(Visit& v) {
  if (!Can(v.user.role, Action::kManageSettings)) {
    return Message(v, 403, "غير مسموح", "تعديل قوائم الكلمات متاح لمدير الموقع فقط.");
  }
  const std::string rest = v.path.substr(std::char_traits<char>::length("/admin/terms"));
  auto server_error = [&](const Status& st) {
    spdlog::error("terms page: {}", st.message());
    return Message(v, 500, "خطأ في الخادم", "تعذّر إتمام العملية، حاول بعد قليل.");
  };
  std::vector<ModerationTerm> terms;
  if (Status st = terms_.List(&terms); !st.ok()) return server_error(st);
  struct Typed {
    std::string text, action = "hold", category;
  };
  auto page = [&](int status, const std::string& error, const Typed& typed) {
    nlohmann::json reject = nlohmann::json::array(), hold = nlohmann::json::array();
    for (const ModerationTerm& t : terms) {
      nlohmann::json item = {{"id", std::to_string(t.id)}, {"text", t.text}};
      if (!t.category.empty()) item["category"] = CategoryName(t.category);
      (t.action == "reject" ? reject : hold).push_back(std::move(item));
    }
    nlohmann::json view = {{"title", "قوائم الكلمات"},
                           {"reject", reject},
                           {"hold", hold},
                           {"reject_count", v.Number(static_cast<int64_t>(reject.size()))},
                           {"hold_count", v.Number(static_cast<int64_t>(hold.size()))},
                           {"arabizi", std::string(moderation::kArabiziNote)},
                           {"add", {{"text", typed.text}, {"category", typed.category},
                                    {"hold", typed.action != "reject"}, {"reject", typed.action == "reject"}}},
                           {"categories", nlohmann::json::array({
                                              {{"value", "insult"}, {"name", "إهانة"}},
                                              {{"value", "religion"}, {"name", "الأديان"}},
                                              {{"value", "sect"}, {"name", "طائفية"}},
                                              {{"value", "race"}, {"name", "عنصرية"}},
                                              {{"value", "origin"}, {"name", "الأصل"}},
                                              {{"value", "sexual"}, {"name", "بذاءة"}}})}};
    if (!error.empty()) view["error"] = error;
    static const std::map<std::string, std::string> kNotices = {
        {"added", "أُضيفت الكلمة؛ يعمل بها الموقع خلال ثوانٍ على التعليقات الجديدة."},
        {"removed", "حُذفت الكلمة من القائمة."}};
    if (auto it = v.query.find("done"); it != v.query.end() && kNotices.count(it->second) && !v.post) {
      view["notice"] = kNotices.at(it->second);
    }
    return Page(v, status, "terms", view);
  };

  if (rest.empty() || rest == "/") {
    if (!v.post) return page(200, "", Typed{});
    Typed typed{OneLine(v.Form("text")), v.Form("action"), OneLine(v.Form("category"))};
    ModerationTerm stored;
    Status st = terms_.Add(typed.text, typed.action, typed.category, v.user.id, v.now, &stored);
    if (st.IsInvalid()) return page(400, st.message(), typed);
    if (st.code() == Status::Code::kConflict) return page(409, "هذه الكلمة في القوائم من قبل.", typed);
    if (!st.ok()) return server_error(st);
    return Redirect("/admin/terms?done=added");
  }

  // /admin/terms/ID/remove
  const std::string tail = "/remove";
  Id id = 0;
  if (rest.size() <= tail.size() + 1 || rest.compare(rest.size() - tail.size(), tail.size(), tail) != 0 ||
      !ParseId(rest.substr(1, rest.size() - tail.size() - 1), &id)) {
    return Message(v, 404, "الصفحة غير موجودة", "لا توجد صفحة بهذا العنوان في مكتب التحرير.");
  }
  if (!v.post) return Redirect("/admin/terms");
  Status st = terms_.Remove(id, v.user.id, v.now);
  if (st.IsNotFound()) return Message(v, 404, "الكلمة غير موجودة", "لا توجد كلمة بهذا الرقم في القوائم؛ ربما حُذفت.");
  if (!st.ok()) return server_error(st);
  return Redirect("/admin/terms?done=removed");
}

}  // namespace qalam
