// The article interchange format reader (services/importer.h).
#include "services/importer.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "core/text.h"
#include "store_backends.h"
#include "store_helpers.h"

namespace qalam {
namespace {

namespace fs = std::filesystem;

using testing_backends::BackendName;
using testing_backends::StoreBackends;
using testing_backends::StoreBackendTest;

constexpr int64_t kNow = 1700000000;
constexpr int64_t kJan15RiyadhMidnight = 1642204800 - 3 * 3600;

Status ParseLine(const std::string& line, Article* out, const std::string& tz = "Asia/Riyadh") {
  return ParseArticleLine(line, tz, kNow, out);
}

// The reason ParseArticleLine gives for `line`, or "ok".
std::string Reason(const std::string& line) {
  Article a;
  Status st = ParseLine(line, &a);
  if (st.ok()) return "ok";
  EXPECT_TRUE(st.IsInvalid()) << line;
  return st.message();
}

// A number too large for a double is an error of the line, not a crash of
// the import (found by fuzz_interchange: nlohmann's out_of_range 406 is
// not a parse_error).
TEST(ImporterParse, ANumberTooLargeIsABadLine) {
  Article a;
  for (const char* line : {R"J({"title": "t", "body": "b", "x": 1e999})J",
                           R"J({"title": "t", "body": "b", "pinned": 777777777777777777777777388888E777})J"}) {
    Status st = ParseLine(line, &a);
    EXPECT_TRUE(st.IsInvalid()) << line;
    EXPECT_NE(st.message().find("not valid JSON"), std::string::npos) << st.message();
  }
}

TEST(ParseArticleLine, MinimalLine) {
  Article a;
  Status st = ParseLine(R"J({"title": "عنوان", "body": "فقرة أولى\n\nفقرة ثانية"})J", &a);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(a.title, "عنوان");
  EXPECT_EQ(a.status, ArticleStatus::kPublished);
  EXPECT_EQ(a.published_at, kNow);  // Published with no date: now.
  EXPECT_EQ(a.updated_at, 0);
  EXPECT_EQ(a.external_id, "");
  EXPECT_EQ(a.body_html, "<p>فقرة أولى</p>\n<p>فقرة ثانية</p>\n");
  EXPECT_FALSE(a.writer || a.editor || a.source || a.section);
  EXPECT_TRUE(a.tags.empty() && a.highlights.empty() && a.related.empty());
}

// Issue 15: imported titles, names, sections, tags and highlights kept bidi
// overrides and isolates and NUL, which comments strip.
TEST(ParseArticleLine, OneLineFieldsLoseBidiControlsAndControlCharacters) {
  Article a;
  Status st = ParseLine(R"J({"title": "عنوان \u202Egpj.exe\u0000 می\u200Cخواهم\u2066",
      "body": "نص", "writer": {"name": "كاتب\u202D\u0007 أول"}, "editor": "محرر\u2069",
      "source": {"name": "\u202Aمصدر"}, "section": "قسم\u2068", "tags": ["وسم\u202B", "\u202E"],
      "co_writers": ["ثان\u0001"], "highlights": ["أبرز\u202E\tنقطة"],
      "related": [{"title": "ذو صلة\u202E", "url": "/x"}]})J", &a);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(a.title, "عنوان gpj.exe می\u200Cخواهم");  // ZWNJ between letters stays.
  ASSERT_TRUE(a.writer && a.editor && a.source && a.section);
  EXPECT_EQ(a.writer->name, "كاتب أول");
  EXPECT_EQ(a.editor->name, "محرر");
  EXPECT_EQ(a.source->name, "مصدر");
  EXPECT_EQ(a.section->name, "قسم");
  ASSERT_EQ(a.tags.size(), 1u);  // The tag that was nothing but an override is gone.
  EXPECT_EQ(a.tags[0].name, "وسم");
  ASSERT_EQ(a.contributors.size(), 1u);
  EXPECT_EQ(a.contributors[0].person.name, "ثان");
  EXPECT_EQ(a.highlights, std::vector<std::string>{"أبرز نقطة"});
  ASSERT_EQ(a.related.size(), 1u);
  EXPECT_EQ(a.related[0].title, "ذو صلة");
  EXPECT_EQ(Reason(R"J({"title": "\u202E\u0000", "body": "نص"})J"), "empty title");
}

TEST(ParseArticleLine, FullLine) {
  Article a;
  Status st = ParseLine(R"J({"id": "x-1", "title": " عنوان ", "slug": "عنوان-مختار",
    "status": "draft", "published_at": "2022-01-15", "updated_at": "2022-01-16T10:00:00Z",
    "editor": "محمود زين الدين", "writer": {"name": "محمد", "bio": "نبذة"},
    "source": {"name": "الخليج", "url": "https://www.alkhaleej.ae/x"}, "section": "آراء",
    "tags": ["كازاخستان", "روسيا", "كازاخستان", " "], "highlights": ["أ", "ب"],
    "body": "نص", "related": [{"title": "مقال آخر"}, {"title": "خارجي", "url": "https://e.com/"},
    {"title": "داخلي", "url": "/article/x"}]})J", &a);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(a.external_id, "x-1");
  EXPECT_EQ(a.title, "عنوان");  // Trimmed.
  EXPECT_EQ(a.slug, "عنوان-مختار");
  EXPECT_EQ(a.status, ArticleStatus::kDraft);
  EXPECT_EQ(a.published_at, kJan15RiyadhMidnight);
  EXPECT_EQ(a.updated_at, 1642327200);
  ASSERT_TRUE(a.editor && a.writer && a.source && a.section);
  EXPECT_EQ(a.editor->name, "محمود زين الدين");
  EXPECT_EQ(a.writer->name, "محمد");
  EXPECT_EQ(a.writer->bio, "نبذة");
  EXPECT_EQ(a.source->name, "الخليج");
  EXPECT_EQ(a.source->url, "https://www.alkhaleej.ae/x");
  EXPECT_EQ(a.section->name, "آراء");
  ASSERT_EQ(a.tags.size(), 2u);  // Duplicates and blanks dropped.
  EXPECT_EQ(a.tags[0].name, "كازاخستان");
  EXPECT_EQ(a.tags[1].name, "روسيا");
  EXPECT_EQ(a.highlights, (std::vector<std::string>{"أ", "ب"}));
  ASSERT_EQ(a.related.size(), 3u);
  EXPECT_EQ(a.related[0].title, "مقال آخر");
  EXPECT_EQ(a.related[0].url, "");
  EXPECT_EQ(a.related[1].url, "https://e.com/");
  EXPECT_EQ(a.related[2].url, "/article/x");
}

TEST(ParseArticleLine, DraftWithoutDateHasNone) {
  Article a;
  ASSERT_TRUE(ParseLine(R"J({"title": "t", "body": "b", "status": "draft"})J", &a).ok());
  EXPECT_EQ(a.published_at, 0);
}

TEST(ParseArticleLine, WriterAndSourceMayBePlainStrings) {
  Article a;
  ASSERT_TRUE(ParseLine(R"J({"title": "t", "body": "b", "writer": "كاتب", "source": "مصدر"})J", &a).ok());
  ASSERT_TRUE(a.writer && a.source);
  EXPECT_EQ(a.writer->name, "كاتب");
  EXPECT_EQ(a.source->name, "مصدر");
}

TEST(ParseArticleLine, NumericIdIsText) {
  Article a;
  ASSERT_TRUE(ParseLine(R"J({"id": 42, "title": "t", "body": "b"})J", &a).ok());
  EXPECT_EQ(a.external_id, "42");
}

TEST(ParseArticleLine, TextIsNfc) {
  Article a;
  ASSERT_TRUE(ParseLine("{\"title\": \"\u0627\u0654زمة\", \"body\": \"b\", \"tags\": [\"\u0627\u0654\"]}", &a).ok());
  EXPECT_EQ(a.title, "\u0623زمة");
  EXPECT_EQ(a.tags.at(0).name, "\u0623");
}

TEST(ParseArticleLine, DateOnlyIsMidnightInTheSiteZone) {
  Article a;
  ASSERT_TRUE(ParseArticleLine(R"J({"title": "t", "body": "b", "published_at": "2022-01-15"})J",
                               "Asia/Riyadh", kNow, &a).ok());
  EXPECT_EQ(a.published_at, kJan15RiyadhMidnight);
  ASSERT_TRUE(ParseArticleLine(R"J({"title": "t", "body": "b", "published_at": "2022-01-15"})J",
                               "Africa/Casablanca", kNow, &a).ok());
  EXPECT_EQ(a.published_at, 1642204800 - 3600);  // Morocco: +01:00.
  ASSERT_TRUE(ParseArticleLine(
      R"J({"title": "t", "body": "b", "published_at": "2022-01-15T00:00:00Z"})J", "Asia/Riyadh",
      kNow, &a).ok());
  EXPECT_EQ(a.published_at, 1642204800);  // An offset is exact.
}

TEST(ParseArticleLine, KindFooterAndPin) {
  Article a;
  ASSERT_TRUE(ParseLine(R"({"title": "من نحن", "body": "ب", "kind": "page", "in_footer": true})", &a).ok());
  EXPECT_EQ(a.kind, ArticleKind::kPage);
  EXPECT_TRUE(a.in_footer);
  EXPECT_FALSE(a.pinned);
  ASSERT_TRUE(ParseLine(R"({"title": "ع", "body": "ب", "pinned": true, "pinned_until": "2022-01-15"})", &a).ok());
  EXPECT_EQ(a.kind, ArticleKind::kArticle);
  EXPECT_TRUE(a.pinned);
  EXPECT_EQ(a.pinned_until, kJan15RiyadhMidnight) << "in the site's time zone, as published_at";
  ASSERT_TRUE(ParseLine(R"({"title": "ع", "body": "ب", "kind": "article", "pinned": false, "in_footer": false})", &a).ok());
  EXPECT_FALSE(a.pinned);
  // Without the fields: an article, not pinned, as before.
  ASSERT_TRUE(ParseLine(R"({"title": "ع", "body": "ب"})", &a).ok());
  EXPECT_EQ(a.kind, ArticleKind::kArticle);
  EXPECT_FALSE(a.in_footer || a.pinned || a.pinned_until);
}

TEST(ParseArticleLine, KindFooterAndPinMistakes) {
  EXPECT_EQ(Reason(R"({"title": "ع", "body": "ب", "kind": "post"})"), "kind must be \"article\" or \"page\" (got \"post\")");
  EXPECT_EQ(Reason(R"({"title": "ع", "body": "ب", "pinned": "yes"})"), "pinned must be true or false");
  EXPECT_EQ(Reason(R"({"title": "ع", "body": "ب", "kind": "page", "in_footer": 1})"), "in_footer must be true or false");
  EXPECT_EQ(Reason(R"({"title": "ع", "body": "ب", "kind": "page", "pinned": true})"), "a page cannot be pinned");
  EXPECT_EQ(Reason(R"({"title": "ع", "body": "ب", "in_footer": true})"), "in_footer is for pages (kind \"page\")");
  EXPECT_EQ(Reason(R"({"title": "ع", "body": "ب", "pinned_until": "2022-01-15"})"), "pinned_until needs pinned: true");
  EXPECT_NE(Reason(R"({"title": "ع", "body": "ب", "pinned": true, "pinned_until": "غدًا"})").find("pinned_until: "),
            std::string::npos);
}

TEST(ParseArticleLine, NoticesAndTheirMistakes) {
  Article a;
  ASSERT_TRUE(ParseLine(R"({"title": "ع", "body": "ب", "notices": [{"kind": "clarification", "text": " المقصود العام المالي. ", "date": "2022-01-16T10:00:00+03:00", "placement": "bottom"}]})", &a).ok());
  ASSERT_EQ(a.notices.size(), 1u);
  EXPECT_EQ(a.notices[0].kind, NoticeKind::kClarification);
  EXPECT_EQ(a.notices[0].placement, NoticePlacement::kBottom);
  EXPECT_EQ(a.notices[0].text, "المقصود العام المالي.");
  EXPECT_EQ(a.notices[0].at, 1642316400);
  EXPECT_EQ(Reason(R"({"title": "ع", "body": "ب", "notices": {"kind": "correction"}})"),
            "notices must be an array of {kind, text, date, placement?}");
  EXPECT_EQ(Reason(R"({"title": "ع", "body": "ب", "notices": [{"kind": "erratum", "text": "x", "date": "2022-01-16"}]})"),
            "notices.kind must be \"correction\", \"update\", \"clarification\" or \"editors_note\" (got \"erratum\")");
  EXPECT_EQ(Reason(R"({"title": "ع", "body": "ب", "notices": [{"kind": "update", "text": "x"}]})"), "notices.date is required");
  EXPECT_EQ(Reason(R"({"title": "ع", "body": "ب", "notices": [{"kind": "update", "text": "", "date": "2022-01-16"}]})"),
            "empty notices.text");
  EXPECT_EQ(Reason(R"({"title": "ع", "body": "ب", "notices": [{"kind": "update", "text": "x", "date": "2022-01-16", "placement": "side"}]})"),
            "notices.placement must be \"top\" or \"bottom\" (got \"side\")");
  EXPECT_EQ(Reason(R"({"title": "ع", "body": "ب", "kind": "page", "notices": [{"kind": "update", "text": "x", "date": "2022-01-16"}]})"),
            "a page has no notices");
}

TEST(ParseArticleLine, InvalidJson) {
  std::string r = Reason(R"J({"title": "t", "body": )J");
  EXPECT_EQ(r.rfind("not valid JSON: ", 0), 0u) << r;
  EXPECT_EQ(r.find("[json.exception"), std::string::npos) << r;
  EXPECT_EQ(Reason("").rfind("not valid JSON", 0), 0u);
}

TEST(ParseArticleLine, NotAnObject) {
  EXPECT_EQ(Reason(R"J(["title", "body"])J"), "not a JSON object");
  EXPECT_EQ(Reason(R"J("title")J"), "not a JSON object");
  EXPECT_EQ(Reason("42"), "not a JSON object");
}

TEST(ParseArticleLine, TitleAndBodyAreRequired) {
  EXPECT_EQ(Reason(R"J({"body": "b"})J"), "missing title");
  EXPECT_EQ(Reason(R"J({"title": null, "body": "b"})J"), "missing title");
  EXPECT_EQ(Reason(R"J({"title": "  ", "body": "b"})J"), "empty title");
  EXPECT_EQ(Reason(R"J({"title": "t"})J"), "missing body");
  EXPECT_EQ(Reason(R"J({"title": "t", "body": ""})J"), "empty body");
  EXPECT_EQ(Reason(R"J({"title": "t", "body": " \n "})J"), "empty body");
}

TEST(ParseArticleLine, WrongTypes) {
  EXPECT_EQ(Reason(R"J({"title": 5, "body": "b"})J"), "title must be a string");
  EXPECT_EQ(Reason(R"J({"title": "t", "body": ["b"]})J"), "body must be a string");
  EXPECT_EQ(Reason(R"J({"title": "t", "body": "b", "tags": "روسيا"})J"),
            "tags must be an array of strings");
  EXPECT_EQ(Reason(R"J({"title": "t", "body": "b", "tags": ["a", 1]})J"),
            "tags must be an array of strings");
  EXPECT_EQ(Reason(R"J({"title": "t", "body": "b", "highlights": {"a": 1}})J"),
            "highlights must be an array of strings");
  EXPECT_EQ(Reason(R"J({"title": "t", "body": "b", "writer": {"bio": "x"}})J"),
            "missing writer.name");
  EXPECT_EQ(Reason(R"J({"title": "t", "body": "b", "writer": {"name": 3}})J"),
            "writer.name must be a string");
  EXPECT_EQ(Reason(R"J({"title": "t", "body": "b", "source": {"url": "https://e.com"}})J"),
            "missing source.name");
  EXPECT_EQ(Reason(R"J({"title": "t", "body": "b", "related": {"title": "x"}})J"),
            "related must be an array of {title, url}");
  EXPECT_EQ(Reason(R"J({"title": "t", "body": "b", "related": ["x"]})J"),
            "related must be an array of {title, url}");
  EXPECT_EQ(Reason(R"J({"title": "t", "body": "b", "related": [{"url": "https://e.com"}]})J"),
            "missing related.title");
  EXPECT_EQ(Reason(R"J({"title": "t", "body": "b", "section": 7})J"), "section must be a string");
  EXPECT_EQ(Reason(R"J({"title": "t", "body": "b", "id": 1.5})J"), "id must be a string");
}

TEST(ParseArticleLine, BadStatus) {
  EXPECT_EQ(Reason(R"J({"title": "t", "body": "b", "status": "archived"})J"),
            "status must be \"published\" or \"draft\" (got \"archived\")");
}

TEST(ParseArticleLine, BadDates) {
  EXPECT_EQ(Reason(R"J({"title": "t", "body": "b", "published_at": "2022-02-30"})J"),
            "published_at: not an ISO 8601 date or date-time: \"2022-02-30\"");
  EXPECT_EQ(Reason(R"J({"title": "t", "body": "b", "published_at": "15/01/2022"})J"),
            "published_at: not an ISO 8601 date or date-time: \"15/01/2022\"");
  EXPECT_EQ(Reason(R"J({"title": "t", "body": "b", "updated_at": "yesterday"})J"),
            "updated_at: not an ISO 8601 date or date-time: \"yesterday\"");
  EXPECT_EQ(Reason(R"J({"title": "t", "body": "b", "published_at": 1642204800})J"),
            "published_at must be a string");
}

TEST(ParseArticleLine, UnsafeUrlsAreRejected) {
  EXPECT_EQ(Reason(R"J({"title": "t", "body": "b", "related": [{"title": "x", "url": "javascript:alert(1)"}]})J"),
            "related.url must be an http(s) address or a path on this site");
  EXPECT_EQ(Reason(R"J({"title": "t", "body": "b", "related": [{"title": "x", "url": "//evil.example/x"}]})J"),
            "related.url must be an http(s) address or a path on this site");
  EXPECT_EQ(Reason(R"J({"title": "t", "body": "b", "related": [{"title": "x", "url": "https://e.com/a b"}]})J"),
            "related.url must be an http(s) address or a path on this site");
  EXPECT_EQ(Reason(R"J({"title": "t", "body": "b", "source": {"name": "s", "url": "javascript:alert(1)"}})J"),
            "source.url must be an http(s) address or a path on this site");
  EXPECT_EQ(Reason(R"J({"title": "t", "body": "b", "source": {"name": "s", "url": "data:text/html,x"}})J"),
            "source.url must be an http(s) address or a path on this site");
}

TEST(ParseArticleLine, BodyHtmlIsSafe) {
  Article a;
  ASSERT_TRUE(ParseLine(R"J({"title": "t", "body": "<script>alert(1)</script>\n\n[x](javascript:alert(1))"})J", &a).ok());
  EXPECT_EQ(a.body_html.find("<script"), std::string::npos) << a.body_html;
  EXPECT_EQ(a.body_html.find("javascript:"), std::string::npos) << a.body_html;
}

class ImportTest : public StoreBackendTest {
 protected:
  ImportSummary Import(const std::string& text) {
    std::istringstream in(text);
    ImportSummary summary;
    Status st = ImportArticles(*store_, in, &summary);
    EXPECT_TRUE(st.ok()) << st.message();
    return summary;
  }
  Article Get(const std::string& slug) { return testing_backends::GetArticle(*store_, slug); }
};

const char* kMixed =
    R"J({"id": "a", "title": "الأول", "body": "نص", "published_at": "2022-01-15", "section": "سياسة", "tags": ["روسيا"]})J" "\n"
    "\n"
    R"J({"id": "b", "title": "الثاني", "body": ""})J" "\n"
    "not json at all\r\n"
    R"J({"id": "c", "title": "الثالث", "body": "نص", "published_at": "2022-01-16T09:00:00+03:00", "section": "سياسة", "tags": ["روسيا"]})J" "\r\n"
    "   \n"
    R"J({"id": "d", "title": "الرابع", "body": "نص", "status": "later"})J" "\n"
    R"J({"id": "e", "title": "الخامس", "body": "نص", "status": "draft"})J";

TEST_P(ImportTest, GoodAndBadLines) {
  ImportSummary s = Import(kMixed);
  EXPECT_EQ(s.lines, 6u);  // Blank lines are not counted.
  EXPECT_EQ(s.created, 3u);
  EXPECT_EQ(s.updated, 0u);
  EXPECT_EQ(s.unchanged, 0u);
  ASSERT_EQ(s.errors.size(), 3u);
  EXPECT_EQ(s.errors[0].line, 3u);
  EXPECT_EQ(s.errors[0].reason, "empty body");
  EXPECT_EQ(s.errors[1].line, 4u);
  EXPECT_EQ(s.errors[1].reason.rfind("not valid JSON", 0), 0u) << s.errors[1].reason;
  EXPECT_EQ(s.errors[2].line, 7u);
  EXPECT_EQ(s.errors[2].reason.rfind("status must be", 0), 0u) << s.errors[2].reason;

  EXPECT_EQ(Get("الأول").published_at, kJan15RiyadhMidnight);  // Site zone by default.
  EXPECT_EQ(Get("الثالث").published_at, 1642312800);
  EXPECT_EQ(Get("الخامس").status, ArticleStatus::kDraft);
  int64_t published = 0, drafts = 0;
  ASSERT_TRUE(store_->CountArticles(&published, &drafts).ok());
  EXPECT_EQ(published, 2);
  EXPECT_EQ(drafts, 1);

  // Automatic related articles were refreshed: the two share section and tag.
  std::vector<ArticleSummary> related;
  ASSERT_TRUE(store_->GetAutoRelated(Get("الأول").id, &related).ok());
  ASSERT_EQ(related.size(), 1u);
  EXPECT_EQ(related[0].title, "الثالث");
}

// Issue 15: a line of 75 MB took 3.7 GB to import. A line over the bound is
// skipped without being read into memory and reported by its number; the
// lines after it import.
TEST_P(ImportTest, ALineOverTheBoundIsAnErrorAndTheRestImports) {
  const fs::path file = fs::path(dir_) / "long.jsonl";
  {
    std::ofstream out(file, std::ios::binary);
    out << R"J({"id": "a", "title": "الأول", "body": "نص"})J" << "\n";
    // A valid line, but one byte longer than the bound.
    const std::string head = R"J({"id": "big", "title": "كبير", "body": ")J";
    const std::string tail = "\"}";
    out << head << std::string(kMaxImportLineBytes + 1 - head.size() - tail.size(), 'x') << tail << "\n";
    out << R"J({"id": "c", "title": "الثالث", "body": "نص"})J" << "\n";
  }
  std::ifstream in(file, std::ios::binary);
  ImportSummary s;
  ASSERT_TRUE(ImportArticles(*store_, in, &s).ok());
  EXPECT_EQ(s.lines, 3u);
  EXPECT_EQ(s.created, 2u);
  ASSERT_EQ(s.errors.size(), 1u);
  EXPECT_EQ(s.errors[0].line, 2u);
  EXPECT_EQ(s.errors[0].reason, "line longer than 8388608 bytes (8 MiB), not read");
  EXPECT_EQ(Get("الثالث").title, "الثالث");
}

// Issue 15: bodies that take cmark-gfm seconds are refused before they are
// rendered, with the bound and the line of the body that passes it.
TEST_P(ImportTest, BodiesPastTheMarkdownBoundsAreErrors) {
  auto repeat = [](const std::string& unit, size_t n) {
    std::string out;
    for (size_t i = 0; i < n; ++i) out += unit;
    return out;
  };
  const std::string text = R"J({"id": "1", "title": "أ", "body": ")J" + repeat("- ", 60000) + "\"}\n" +
                           R"J({"id": "2", "title": "ب", "body": ")J" + repeat("![[]()", 80000) + "\"}\n" +
                           R"J({"id": "3", "title": "ج", "body": "سطر\n)J" + repeat("[", 50000) + "\"}\n" +
                           R"J({"id": "4", "title": "د", "body": "نص"})J" "\n";
  ImportSummary s = Import(text);
  EXPECT_EQ(s.created, 1u);
  ASSERT_EQ(s.errors.size(), 3u);
  EXPECT_EQ(s.errors[0].line, 1u);
  EXPECT_EQ(s.errors[0].reason, "body: lists and quotes nested 60000 deep at line 1; at most 32");
  EXPECT_EQ(s.errors[1].reason, "body: 480000 characters; at most 300000");
  EXPECT_EQ(s.errors[2].line, 3u);
  EXPECT_EQ(s.errors[2].reason, "body: more than 4000 '[' of links and images (passed at line 2)");
  // A notice is Markdown too, rendered with every page of its article.
  ImportSummary notice = Import(R"J({"id": "5", "title": "هـ", "body": "نص", "notices": [{"kind": "update", "date": "2022-01-16", "text": ")J" +
                                repeat("- ", 20000) + "a\"}]}\n");
  EXPECT_EQ(notice.created, 0u);
  ASSERT_EQ(notice.errors.size(), 1u);
  EXPECT_EQ(notice.errors[0].reason, "notices.text: lists and quotes nested 20000 deep at line 1; at most 32");
}

TEST_P(ImportTest, ReimportIsIdempotent) {
  Import(kMixed);
  int64_t before = 0;
  ASSERT_TRUE(store_->LastChangeId(&before).ok());
  ImportSummary s = Import(kMixed);
  EXPECT_EQ(s.created, 0u);
  EXPECT_EQ(s.updated, 0u);
  EXPECT_EQ(s.unchanged, 3u);
  EXPECT_EQ(s.errors.size(), 3u);
  int64_t after = 0;
  ASSERT_TRUE(store_->LastChangeId(&after).ok());
  EXPECT_EQ(after, before) << "an identical re-import must purge nothing";
  int64_t published = 0, drafts = 0;
  ASSERT_TRUE(store_->CountArticles(&published, &drafts).ok());
  EXPECT_EQ(published + drafts, 3);
}

TEST_P(ImportTest, ChangedLineUpdates) {
  Import(kMixed);
  ImportSummary s = Import(R"J({"id": "a", "title": "الأول", "body": "نص معدل", "published_at": "2022-01-15", "section": "سياسة", "tags": ["روسيا"]})J");
  EXPECT_EQ(s.created, 0u);
  EXPECT_EQ(s.updated, 1u);
  EXPECT_EQ(Get("الأول").body_markdown, "نص معدل");
}

TEST_P(ImportTest, SiteTimeZonePlacesDates) {
  ASSERT_TRUE(store_->SaveSetting("timezone", "Africa/Cairo").ok());
  Import(R"J({"id": "a", "title": "القاهرة", "body": "نص", "published_at": "2022-01-15"})J");
  EXPECT_EQ(Get("القاهرة").published_at, 1642204800 - 2 * 3600);
}

TEST_P(ImportTest, ByteOrderMarkOnFirstLine) {
  ImportSummary s = Import("\xEF\xBB\xBF" R"J({"id": "a", "title": "بعلامة", "body": "نص"})J" "\n");
  EXPECT_EQ(s.created, 1u);
  EXPECT_TRUE(s.errors.empty()) << s.errors[0].reason;
}

// An article without published_at is dated when first imported; importing
// the same file again later must neither re-date it nor count it as updated.
TEST_P(ImportTest, ReimportKeepsTheDateOfAnUndatedArticle) {
  const std::string line = R"J({"id": "u", "title": "بلا تاريخ", "body": "نص"})J";
  const int64_t start = static_cast<int64_t>(time(nullptr));
  ASSERT_EQ(Import(line).created, 1u);
  const int64_t first = Get("بلا-تاريخ").published_at;
  EXPECT_GE(first, start);
  EXPECT_LE(first, start + 5);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // Into the next second.
  ImportSummary s = Import(line);
  EXPECT_EQ(s.unchanged, 1u);
  EXPECT_EQ(s.updated, 0u);
  EXPECT_EQ(Get("بلا-تاريخ").published_at, first);
}

TEST_P(ImportTest, SharedSeedArticle) {
  const char* shared = std::getenv("QALAM_SHARED");
  if (!shared) shared = QALAM_SHARED_DEFAULT;
  const fs::path path = fs::path(shared) / "seed" / "seed-article.jsonl";
  ASSERT_TRUE(fs::exists(path)) << path << " not found: shared/ must sit beside the repo";
  std::ifstream in(path);
  ASSERT_TRUE(in);
  ImportSummary s;
  ASSERT_TRUE(ImportArticles(*store_, in, &s).ok());
  EXPECT_EQ(s.lines, 1u);
  EXPECT_EQ(s.created, 1u);
  ASSERT_TRUE(s.errors.empty()) << s.errors[0].reason;

  Article a = Get("تداعيات-أزمة-كازاخستان-على-أوكرانيا");
  EXPECT_EQ(a.title, "تداعيات أزمة كازاخستان على أوكرانيا");
  EXPECT_EQ(a.external_id, "seed-000_229becc0b74d6457");
  EXPECT_EQ(a.published_at, kJan15RiyadhMidnight);
  ASSERT_TRUE(a.editor);
  EXPECT_EQ(a.editor->name, "محمود زين الدين");
  ASSERT_TRUE(a.writer);
  EXPECT_EQ(a.writer->name, "محمد السعيد ادريس");
  EXPECT_EQ(a.writer->bio, "د. محمد السعيد ادريس خبير بمركز الأهرام للدراسات السياسية والاستراتيجية");
  ASSERT_TRUE(a.source);
  EXPECT_EQ(a.source->name, "الخليج");
  ASSERT_EQ(a.tags.size(), 1u);
  EXPECT_EQ(a.tags[0].name, "كازاخستان");
  ASSERT_EQ(a.highlights.size(), 4u);
  EXPECT_EQ(a.highlights[2].rfind("«واشنطن تسعى", 0), 0u);
  ASSERT_EQ(a.related.size(), 1u);
  EXPECT_EQ(a.related[0].title, "كازاخستان وفاعلية «الحماية» الروسية");
  EXPECT_EQ(a.related[0].target_id, 0);
  EXPECT_NE(a.body_html.find("<p>انتهت أحداث كازاخستان"), std::string::npos);
  EXPECT_EQ(std::count(a.body_markdown.begin(), a.body_markdown.end(), '\n') > 10, true);
}

INSTANTIATE_TEST_SUITE_P(Backends, ImportTest, ::testing::ValuesIn(StoreBackends()), BackendName);

}  // namespace
}  // namespace qalam
