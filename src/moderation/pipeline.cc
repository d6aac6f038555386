#include "moderation/pipeline.h"

#include <cmath>
#include <cstdio>
#include <map>

#include "content/text_hygiene.h"

namespace qalam {

using moderation::CountLinks;

namespace {

std::string Percent(double x) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.0f٪", std::round(x * 100));
  return buf;
}

void Raise(ModerationOutcome* out, Verdict v) {
  if (static_cast<int>(v) > static_cast<int>(out->verdict)) out->verdict = v;
}

}  // namespace

const char* ToString(Verdict v) {
  switch (v) {
    case Verdict::kHold: return "hold";
    case Verdict::kReject: return "reject";
    case Verdict::kApprove: break;
  }
  return "approve";
}

ModerationPolicy ModerationPolicy::FromSettings(const Settings& s) {
  ModerationPolicy p;
  const std::string& mode = s.Get("moderation_mode");
  p.mode = mode == "pre" ? ModerationMode::kPre : mode == "post" ? ModerationMode::kPost : ModerationMode::kAutomatic;
  const std::string& hold = s.Get("moderation_hold_score");
  const std::string& reject = s.Get("moderation_reject_score");
  p.hold_score = hold == "auto" ? -1 : s.GetInt("moderation_hold_score") / 100.0;
  p.reject_score = reject == "auto" ? -1 : s.GetInt("moderation_reject_score") / 100.0;
  p.reject_needs_term = s.Get("moderation_reject_needs") != "score";
  const std::string& first = s.Get("comment_first_time");
  p.first_time = first == "always" ? FirstTimeRule::kAlways : first == "never" ? FirstTimeRule::kNever : FirstTimeRule::kAuto;
  p.min_seconds = s.GetInt("comment_min_seconds");
  p.max_links = s.GetInt("comment_max_links");
  p.trust = s.GetBool("comment_trust");
  return p;
}

std::string CategoryName(std::string_view category) {
  static const std::map<std::string, std::string, std::less<>> kNames = {
      {"insult", "إهانة"}, {"religion", "الأديان"}, {"sect", "طائفية"},   {"race", "عنصرية"},
      {"origin", "الأصل"}, {"hate", "كراهية"},      {"offensive", "إساءة"}, {"sexual", "بذاءة"},
      {"gender", "النوع"}};
  auto it = kNames.find(category);
  return it == kNames.end() ? std::string(category) : it->second;
}

std::vector<Term> TermsOf(const std::vector<ModerationTerm>& listed) {
  std::vector<Term> terms;
  for (const ModerationTerm& t : listed) {
    Term term;
    term.text = t.text;
    term.action = t.action == "reject" ? TermAction::kReject : TermAction::kHold;
    term.category = t.category;
    terms.push_back(std::move(term));
  }
  return terms;
}

EffectiveThresholds ThresholdsFor(const ModerationPolicy& policy, const ModerationClassifier* classifier) {
  EffectiveThresholds t;
  const bool card = classifier && classifier->card().has_thresholds();
  if (card) {
    t.hold = classifier->card().hold;
    t.reject = classifier->card().reject;
    t.from_card = true;
  }
  if (policy.hold_score >= 0) t.hold = policy.hold_score;
  if (policy.reject_score >= 0) t.reject = policy.reject_score;
  return t;
}

ModerationOutcome Moderate(std::string_view text, const TermMatcher* terms,
                           const ModerationClassifier* classifier, const ModerationPolicy& policy,
                           const SpamSignals* spam) {
  ModerationOutcome out;
  auto reason = [&](const char* step, const char* code, std::string message) -> ModerationReason& {
    ModerationReason r;
    r.step = step;
    r.code = code;
    r.message = std::move(message);
    out.reasons.push_back(std::move(r));
    return out.reasons.back();
  };

  // 1. Spam guards.
  if (spam) {
    if (spam->honeypot_filled) {
      reason("spam", "honeypot", "ملأ المرسل حقلًا مخفيًا لا يراه إلا البرامج الآلية.");
      out.spam = true;
    }
    if (spam->seconds_to_fill >= 0 && spam->seconds_to_fill < policy.min_seconds) {
      reason("spam", "too_fast",
             "أُرسل النموذج بعد " + std::to_string(spam->seconds_to_fill) + " ثانية من فتحه، والحد الأدنى " +
                 std::to_string(policy.min_seconds) + ".");
      out.spam = true;
    }
    if (spam->history.duplicates > 0) {
      reason("spam", "duplicate", "النص نفسه منشور من قبل تحت هذا المقال.");
      out.spam = true;
    }
    if (out.spam) Raise(&out, Verdict::kReject);
  }
  const int links = CountLinks(text);
  if (links > policy.max_links) {
    ModerationReason& r = reason("spam", "links",
                                 "في التعليق " + std::to_string(links) + " روابط، والحد " +
                                     std::to_string(policy.max_links) + ".");
    r.score = links;
    r.threshold = policy.max_links;
    Raise(&out, Verdict::kHold);
  }

  // 2. The site's term lists.
  bool term_rejected = false, term_matched = false;
  if (terms) {
    for (const TermMatch& m : terms->Find(text)) {
      const Term& t = terms->terms()[m.term_index];
      const bool reject = t.action == TermAction::kReject;
      ModerationReason& r =
          reason("term", reject ? "term_reject" : "term_hold",
                 std::string(reject ? "كلمة من قائمة الرفض" : "كلمة من قائمة المراجعة") + ": «" + t.text +
                     "» في «" + m.matched_text + "»" + (t.category.empty() ? "" : " (" + CategoryName(t.category) + ")") + ".");
      r.term = t.text;
      r.category = t.category;
      r.begin = m.begin;
      r.end = m.end;
      Raise(&out, reject ? Verdict::kReject : Verdict::kHold);
      term_rejected = term_rejected || reject;
      term_matched = true;
    }
  }

  // 3. The classifier.
  if (classifier) {
    out.scores = classifier->Score(text);
    out.has_scores = true;
    const EffectiveThresholds t = ThresholdsFor(policy, classifier);
    const double s = out.scores.not_ok;
    const bool hate = out.scores.hate >= out.scores.offensive;
    const std::string what = hate ? "خطاب كراهية" : "إساءة";
    const bool confirmed = term_matched || !policy.reject_needs_term;
    if (s >= t.reject && confirmed) {
      ModerationReason& r = reason("classifier", "score_reject",
                                   "درجة المصنّف " + Percent(s) + " (أرجحها " + what + ") بلغت حد الرفض " +
                                       Percent(t.reject) + (term_matched ? " ووافقتها كلمة من القوائم." : "."));
      r.score = s;
      r.threshold = t.reject;
      r.category = hate ? "hate" : "offensive";
      Raise(&out, Verdict::kReject);
    } else if (s >= t.reject) {
      ModerationReason& r = reason("classifier", "score_unconfirmed",
                                   "درجة المصنّف " + Percent(s) + " (أرجحها " + what + ") بلغت حد الرفض " +
                                       Percent(t.reject) +
                                       "، لكن لا كلمة من القوائم تؤكدها، والدرجة وحدها لا ترفض تعليقًا: ينتظر المشرف.");
      r.score = s;
      r.threshold = t.reject;
      r.category = hate ? "hate" : "offensive";
      Raise(&out, Verdict::kHold);
    } else if (s >= t.hold) {
      ModerationReason& r = reason("classifier", "score_hold",
                                   "درجة المصنّف " + Percent(s) + " (أرجحها " + what + ") بلغت حد المراجعة " +
                                       Percent(t.hold) + ".");
      r.score = s;
      r.threshold = t.hold;
      r.category = hate ? "hate" : "offensive";
      Raise(&out, Verdict::kHold);
    }
  } else {
    reason("classifier", "no_classifier", "لم يُدرَّب مصنّف لهذا الموقع بعد؛ قررت الخطوات الأخرى وحدها.");
  }

  // 5 before 4: a trusted commenter skips the queue, whether a score, a
  // hold term or pre-moderation would have put them there.
  const bool trusted = policy.trust && spam && !out.spam && !term_rejected && out.verdict != Verdict::kReject &&
                       spam->history.approved_by_email > 0 && spam->history.rejected_by_email == 0;
  if (trusted && (out.verdict == Verdict::kHold || policy.mode == ModerationMode::kPre)) {
    reason("trust", "trusted",
           "للمعلّق " + std::to_string(spam->history.approved_by_email) +
               " تعليقات مقبولة ولا مرفوض له، فتجاوز الانتظار.");
    out.verdict = Verdict::kApprove;
  }

  // 6. A first-time commenter (no approved comment with their email) waits
  // for a moderator while the site has no classifier to judge their words,
  // or always when the site says so. Before the mode: pre-moderation holds
  // them anyway, post-moderation publishes and flags them.
  const bool first_time = spam && spam->history.approved_by_email == 0;
  const bool hold_first = policy.first_time == FirstTimeRule::kAlways ||
                          (policy.first_time == FirstTimeRule::kAuto && !classifier);
  if (first_time && hold_first && out.verdict == Verdict::kApprove && policy.mode != ModerationMode::kPre) {
    reason("first_time", "first_time",
           policy.first_time == FirstTimeRule::kAlways
               ? "أول تعليق لهذا المعلّق: ينتظر المشرف كما تقضي إعدادات الموقع."
               : "أول تعليق لهذا المعلّق، ولا مصنّف مدرَّب لهذا الموقع بعد يحكم على كلامه: ينتظر المشرف.");
    out.verdict = Verdict::kHold;
  }

  // 4. The mode.
  if (policy.mode == ModerationMode::kPre && out.verdict == Verdict::kApprove && !trusted) {
    reason("mode", "pre_moderation", "الإشراف المسبق مفعّل: كل تعليق ينتظر المشرف.");
    out.verdict = Verdict::kHold;
  } else if (policy.mode == ModerationMode::kPost && !out.spam && out.verdict != Verdict::kApprove) {
    reason("mode", "post_moderation", "الإشراف اللاحق مفعّل: نُشر التعليق وعُلّم للمراجعة.");
    out.flagged = true;
    out.verdict = Verdict::kApprove;
  }
  return out;
}

nlohmann::json ReasonsJson(const std::vector<ModerationReason>& reasons) {
  nlohmann::json list = nlohmann::json::array();
  for (const ModerationReason& r : reasons) {
    nlohmann::json j = {{"step", r.step}, {"code", r.code}, {"message", r.message}};
    if (!r.term.empty()) {
      j["term"] = r.term;
      j["begin"] = r.begin;
      j["end"] = r.end;
    }
    if (!r.category.empty()) j["category"] = r.category;
    if (r.threshold > 0 || r.score > 0) {
      j["score"] = r.score;
      j["threshold"] = r.threshold;
    }
    list.push_back(std::move(j));
  }
  return list;
}

nlohmann::json OutcomeJson(const ModerationOutcome& outcome) {
  nlohmann::json j = {{"decision", ToString(outcome.verdict)}};
  if (outcome.has_scores) {
    j["scores"] = {{"offensive", outcome.scores.offensive},
                   {"hate", outcome.scores.hate},
                   {"not_ok", outcome.scores.not_ok}};
  } else {
    j["scores"] = nullptr;
  }
  if (outcome.spam) j["spam"] = true;
  if (outcome.flagged) j["flagged"] = true;
  j["reasons"] = ReasonsJson(outcome.reasons);
  return j;
}

}  // namespace qalam
