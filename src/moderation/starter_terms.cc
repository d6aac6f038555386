#include "moderation/starter_terms.h"

#include <string>

#include "core/embedded.h"

namespace qalam::moderation {

Status ParseTermList(std::string_view tsv, std::vector<Term>* out) {
  out->clear();
  size_t line_no = 0, start = 0;
  while (start < tsv.size()) {
    size_t end = tsv.find('\n', start);
    if (end == std::string_view::npos) end = tsv.size();
    std::string_view line = tsv.substr(start, end - start);
    start = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    const size_t a = line.find('\t');
    const size_t b = a == std::string_view::npos ? a : line.find('\t', a + 1);
    if (b == std::string_view::npos || line.find('\t', b + 1) != std::string_view::npos) {
      return Status::Invalid("line " + std::to_string(line_no) + ": expected ACTION<TAB>CATEGORY<TAB>TERM");
    }
    const std::string_view action = line.substr(0, a);
    Term t;
    t.category = std::string(line.substr(a + 1, b - a - 1));
    t.text = std::string(line.substr(b + 1));
    if (action != "reject" && action != "hold") {
      return Status::Invalid("line " + std::to_string(line_no) + ": the action must be reject or hold");
    }
    t.action = action == "reject" ? TermAction::kReject : TermAction::kHold;
    if (Status st = TermMatcher::Validate(t); !st.ok()) {
      return Status::Invalid("line " + std::to_string(line_no) + ": " + st.message());
    }
    out->push_back(std::move(t));
  }
  return Status::Ok();
}

const std::vector<Term>& StarterTerms() {
  static const std::vector<Term> terms = [] {
    std::vector<Term> parsed;
    for (const EmbeddedFile& f : EmbeddedFiles()) {
      if (f.path == "src/moderation/starter_terms.tsv" && !ParseTermList(f.bytes, &parsed).ok()) parsed.clear();
    }
    return parsed;
  }();
  return terms;
}

}  // namespace qalam::moderation
