// Readers' comments (content/text_hygiene.h) and the term matcher
// (moderation/term_matcher.h). The input's first line is a term list (terms
// separated by '|'), the rest the comment. Checked: cleaning is idempotent;
// a one-line field is one line; links lie inside the text and are http(s);
// CountLinks agrees with FindLinks; the comment's HTML holds nothing that
// runs; every match spans whole bytes of the text it was found in.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "content/text_hygiene.h"
#include "fuzz_check.h"
#include "html_safety.h"
#include "moderation/starter_terms.h"
#include "moderation/term_matcher.h"

namespace {

using qalam::moderation::Term;
using qalam::moderation::TermMatcher;

const TermMatcher& StarterMatcher() {
  static const TermMatcher* matcher = [] {
    return new TermMatcher(qalam::moderation::StarterTerms());
  }();
  return *matcher;
}

void CheckMatches(const TermMatcher& matcher, const std::string& text) {
  for (const auto& m : matcher.Find(text)) {
    QALAM_FUZZ_CHECK(m.begin <= m.end && m.end <= text.size(), "match outside the text");
    QALAM_FUZZ_CHECK(m.term_index < matcher.terms().size(), "term index");
    QALAM_FUZZ_CHECK(m.matched_text == text.substr(m.begin, m.end - m.begin), "matched_text");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace mod = qalam::moderation;
  const std::string input(reinterpret_cast<const char*>(data), size);
  const size_t newline = input.find('\n');
  const std::string terms_line = newline == std::string::npos ? "" : input.substr(0, newline);
  const std::string text = newline == std::string::npos ? input : input.substr(newline + 1);

  const std::string clean = mod::CleanCommentText(text);
  QALAM_FUZZ_CHECK(mod::CleanCommentText(clean) == clean, "CleanCommentText is not idempotent");
  const std::string line = mod::CleanLineText(text);
  QALAM_FUZZ_CHECK(line.find('\n') == std::string::npos, "a one-line field kept a line break");
  QALAM_FUZZ_CHECK(mod::CleanLineText(line) == line, "CleanLineText is not idempotent");

  const auto links = mod::FindLinks(clean);
  for (const auto& link : links) {
    QALAM_FUZZ_CHECK(link.begin < link.end && link.end <= clean.size(), "link outside the text");
    QALAM_FUZZ_CHECK(link.href.rfind("http://", 0) == 0 || link.href.rfind("https://", 0) == 0,
                     "link " + link.href);
  }
  QALAM_FUZZ_CHECK(mod::CountLinks(text) == static_cast<int>(links.size()), "CountLinks disagrees");
  const std::string html = mod::CommentToHtml(clean);
  const std::string problem = qalam::fuzz::CheckHtml(html);
  QALAM_FUZZ_CHECK(problem.empty(), problem + "\n--- html:\n" + html);

  CheckMatches(StarterMatcher(), clean);
  std::vector<Term> terms;
  size_t start = 0;
  while (start <= terms_line.size() && terms.size() < 16) {
    size_t bar = terms_line.find('|', start);
    if (bar == std::string::npos) bar = terms_line.size();
    Term term{terms_line.substr(start, bar - start), mod::TermAction::kHold, ""};
    (void)TermMatcher::Validate(term);  // Exercised; the matcher takes any term.
    terms.push_back(std::move(term));
    start = bar + 1;
  }
  const TermMatcher own(std::move(terms));
  CheckMatches(own, clean);  // The matcher is only ever given cleaned text.
  return 0;
}
