// markdown_bench: how long Qalam's Markdown functions take on the
// pathological bodies of issue 15, printed as text. bench/markdown/run
// builds and runs it; no data is read.
//
// Each case is built at full size n and at n/2: a parser linear in its input
// takes about twice as long for twice the input ("ratio" of the two
// functions' time together ≈ 2); a quadratic one about four times. For every case it prints the time of
// RenderMarkdown and MarkdownToText (the library Qalam renders with, behind
// content/markdown.h), and what CheckMarkdownLimits (content/
// markdown_limits.h) says of the body, which the desk and the import apply
// before either function runs. With md4c's headers present (QALAM_BENCH_MD4C)
// it also times md4c's own md_html on the same input, for comparison.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "content/markdown.h"
#include "content/markdown_limits.h"

#ifdef QALAM_BENCH_MD4C
#include <md4c-html.h>
#endif

namespace {

using Clock = std::chrono::steady_clock;

double TimeIt(const std::function<void()>& fn) {
  const Clock::time_point start = Clock::now();
  fn();
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string Repeat(const std::string& unit, size_t times) {
  std::string out;
  out.reserve(unit.size() * times);
  for (size_t i = 0; i < times; ++i) out += unit;
  return out;
}

struct Case {
  const char* name;
  size_t n;
  std::function<std::string(size_t)> make;
};

#ifdef QALAM_BENCH_MD4C
void Md4cHtml(const std::string& text) {
  std::string out;
  md_html(
      text.data(), static_cast<MD_SIZE>(text.size()),
      [](const MD_CHAR* data, MD_SIZE size, void* userdata) {
        static_cast<std::string*>(userdata)->append(data, size);
      },
      &out, MD_DIALECT_GITHUB | MD_FLAG_NOHTML, 0);
}
#endif

}  // namespace

// Every "body" of a JSON lines file (the ANT corpus): what the bounds' check
// costs beside rendering, and how many bodies it refuses.
int Corpus(const char* path) {
  std::ifstream in(path);
  std::vector<std::string> bodies;
  size_t bytes = 0;
  for (std::string line; std::getline(in, line);) {
    const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_object() || !j.contains("body") || !j["body"].is_string()) continue;
    bodies.push_back(j["body"].get<std::string>());
    bytes += bodies.back().size();
  }
  size_t refused = 0;
  std::string sink;
  const double check = TimeIt([&] {
    for (const std::string& b : bodies) refused += qalam::CheckMarkdownLimits(b).ok() ? 0 : 1;
  });
  const double render = TimeIt([&] {
    for (const std::string& b : bodies) sink = qalam::RenderMarkdown(b);
  });
  const double text = TimeIt([&] {
    for (const std::string& b : bodies) sink = qalam::MarkdownToText(b);
  });
  std::printf("corpus %s: %zu bodies, %zu bytes; CheckMarkdownLimits %.3f s (%zu refused), RenderMarkdown %.3f s, "
              "MarkdownToText %.3f s\n",
              path, bodies.size(), bytes, check, refused, render, text);
  return 0;
}

int main(int argc, char** argv) {
  // --scale F multiplies every n (e.g. 0.25 for a quick look); --corpus
  // FILE.jsonl times the check beside rendering on real bodies instead.
  double scale = 1.0;
  bool skip_cmark = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--scale") == 0 && i + 1 < argc) scale = std::atof(argv[++i]);
    if (std::strcmp(argv[i], "--md4c-only") == 0) skip_cmark = true;
    if (std::strcmp(argv[i], "--corpus") == 0 && i + 1 < argc) return Corpus(argv[++i]);
  }
  const std::string paragraph =
      "قال **الوزير** في مؤتمر صحفي إن [الخطة](https://example.com/a) ستبدأ الشهر المقبل، "
      "وإن الحكومة ~~لن~~ ستراجع الأسعار.\n\n";
  const std::vector<Case> cases = {
      {"normal paragraphs (baseline)", 2000, [&](size_t n) { return Repeat(paragraph, n); }},
      {"\"- \" x n", 60000, [](size_t n) { return Repeat("- ", n); }},
      {"\"- \" x n + \"a\"", 20000, [](size_t n) { return Repeat("- ", n) + "a"; }},
      {"\"![[]()\" x n", 20000, [](size_t n) { return Repeat("![[]()", n); }},
      {"\">\" x n + \"a\"", 10000, [](size_t n) { return Repeat(">", n) + "a"; }},
      {"\"*\" x n + \"a\"", 50000, [](size_t n) { return Repeat("*", n) + "a"; }},
      {"\"*a\" x n", 50000, [](size_t n) { return Repeat("*a", n); }},
      {"\"[\" x n + \"a\"", 50000, [](size_t n) { return Repeat("[", n) + "a"; }},
      {"\"[a](\" x n", 30000, [](size_t n) { return Repeat("[a](", n); }},
      {"\"  - \" nested x n lines", 5000,
       [](size_t n) {
         std::string out;
         for (size_t i = 0; i < n; ++i) out += std::string(i * 2, ' ') + "- a\n";
         return out;
       }},
      {"table: 1 header of n cells, n rows", 1500,
       [](size_t n) { return Repeat("|a", n) + "|\n" + Repeat("|-", n) + "|\n" + Repeat("|\n", n); }},
      {"\"a~~\" x n", 50000, [](size_t n) { return Repeat("a~~", n); }},
      {"\"www.a.\" x n (autolink)", 30000, [](size_t n) { return Repeat("www.a.", n); }},
      // The worst of each shape that content/markdown_limits.h still lets
      // through: what the desk, its preview and the import may be made to do.
      {"bounds: \"![[]()\" x n", 2000, [](size_t n) { return Repeat("![[]()", n); }},
      {"bounds: (\"- \" x 32 + \"a\\n\") x n", 312, [](size_t n) { return Repeat(Repeat("- ", 32) + "a\n", n); }},
      {"bounds: (\">\" x 32 + \"a\\n\") x n", 8800, [](size_t n) { return Repeat(Repeat(">", 32) + "a\n", n); }},
      {"bounds: (\"> \" x 16 + \"- \" x 16 + \"a\\n\") x n", 625,
       [](size_t n) { return Repeat(Repeat("> ", 16) + Repeat("- ", 16) + "a\n", n); }},
      {"bounds: \"- a\\n\" x n", 10000, [](size_t n) { return Repeat("- a\n", n); }},
      {"bounds: \"*a*_\" x n + text", 6666,
       [](size_t n) { return Repeat("*a*_", n) + Repeat("نص عادي ", 250000 / 8 - n); }},
      {"bounds: \"[a](\" x n + text", 4000,
       [](size_t n) { return Repeat("[a](", n) + Repeat("نص عادي ", 250000 / 8 - n); }},
      {"bounds: table 50 cols x n rows", 398,
       [](size_t n) { return Repeat("|a", 50) + "|\n" + Repeat("|-", 50) + "|\n" + Repeat("|a\n", n); }},
      {"bounds: tables 2 cols x 60 rows, n tables", 161,
       [](size_t n) { return Repeat("|a|b|\n|-|-|\n" + Repeat("x\n", 60) + "\n", n); }},
      {"bounds: paragraphs, 300,000 characters", 2300, [&](size_t n) { return Repeat(paragraph, n); }},
  };
  std::printf("%-40s %9s %9s %9s %9s %7s %9s  %s\n", "case", "n", "bytes", "render s", "text s", "ratio",
              "md4c s", "limits");
  for (const Case& c : cases) {
    const size_t n = static_cast<size_t>(c.n * scale);
    const std::string full = c.make(n);
    const std::string half = c.make(n / 2);
    double render = -1, text = -1, ratio = -1, md4c = -1;
    if (!skip_cmark) {
      std::string sink;
      render = TimeIt([&] { sink = qalam::RenderMarkdown(full); });
      text = TimeIt([&] { sink = qalam::MarkdownToText(full); });
      const double render_half = TimeIt([&] { sink = qalam::RenderMarkdown(half); });
      const double text_half = TimeIt([&] { sink = qalam::MarkdownToText(half); });
      ratio = render_half + text_half > 0 ? (render + text) / (render_half + text_half) : 0;
    }
#ifdef QALAM_BENCH_MD4C
    md4c = TimeIt([&] { Md4cHtml(full); });
#endif
    const qalam::MarkdownLimitCheck limits = qalam::CheckMarkdownLimits(full);
    std::printf("%-40s %9zu %9zu %9.3f %9.3f %7.1f %9.3f  %s\n", c.name, n, full.size(), render, text, ratio, md4c,
                limits.ok() ? "ok" : limits.English().c_str());
    std::fflush(stdout);
  }
  return 0;
}
