// The whole-site export (services/site_export.h) as JSON lines and what the
// import makes of its new fields: desk state, images, comments, settings;
// and the store methods it reads through (ListAllArticleIds,
// ListArticleComments), over every store backend.
#include "services/site_export.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "services/importer.h"
#include "store_backends.h"
#include "store_helpers.h"

namespace qalam {
namespace {

using testing_backends::BackendName;
using testing_backends::StoreBackends;
using testing_backends::StoreBackendTest;

const char* kSite =
    R"J({"settings": {"site_name": "صحيفة التجربة", "site_url": "https://old.example.test", "no_such_key": "x"}})J" "\n"
    R"J({"id": "a1", "title": "خبر منشور", "slug": "خبر-منشور", "published_at": "2024-03-01T10:00:00+03:00", "writer": {"name": "سارة", "bio": "كاتبة"}, "section": "سياسة", "tags": ["انتخابات", "برلمان"], "highlights": ["أولًا"], "body": "نص **الخبر**", "pinned": true, "notices": [{"kind": "correction", "text": "صُحّح اسم الوزير.", "date": "2024-03-02T09:00:00+03:00"}, {"kind": "update", "text": "أضفنا ردّ الوزارة.", "date": "2024-03-03T09:00:00+03:00", "placement": "bottom"}], "comments": [{"id": "1", "name": "قارئ", "email": "Reader@Example.test", "body": "تعليق أول", "state": "approved", "created_at": "2024-03-01T11:00:00+03:00"}, {"id": "2", "parent": "1", "name": "قارئة", "body": "رد", "state": "pending", "created_at": "2024-03-01T12:00:00+03:00"}, {"id": "3", "name": "مزعج", "body": "إعلان", "state": "spam", "created_at": "2024-03-01T12:30:00+03:00"}]})J" "\n"
    R"J({"id": "a2", "title": "خبر مجدول", "status": "draft", "published_at": "2030-01-01T09:00:00+03:00", "workflow": "scheduled", "scheduled_at": "2030-01-01T09:00:00+03:00", "body": "لاحقًا", "source": {"name": "الخليج", "url": "https://www.alkhaleej.ae/", "article_url": "https://www.alkhaleej.ae/x", "canonical": true}, "seo": {"title": "عنوان البحث", "description": "وصف البحث"}})J" "\n"
    R"J({"id": "a3", "title": "خبر محذوف", "status": "draft", "workflow": "trashed", "trashed_at": "2024-02-01T00:00:00+03:00", "body": "في سلة المحذوفات"})J" "\n"
    R"J({"id": "p1", "title": "من نحن", "kind": "page", "in_footer": true, "published_at": "2024-01-01T00:00:00+03:00", "body": "صفحة"})J" "\n";

class SiteExportTest : public StoreBackendTest {
 protected:
  ImportSummary Import(Store& store, const std::string& text) {
    std::istringstream in(text);
    ImportSummary summary;
    ArticleImportOptions options;
    options.now = 1700000000;
    Status st = ImportArticles(store, in, options, &summary);
    EXPECT_TRUE(st.ok()) << st.message();
    return summary;
  }
  // A second, new site on the same backend.
  std::unique_ptr<Store> OpenSecondSite() {
    std::filesystem::create_directories(dir_ + "/second");
    std::unique_ptr<Store> other;
    Status st = OpenStore(GetParam().location(dir_ + "/second"), StoreOptions{.create = true}, &other);
    EXPECT_TRUE(st.ok()) << st.message();
    return other;
  }
  std::string Export(Store& store, bool comments) {
    std::ostringstream out;
    SiteExportOptions options;
    options.comments = comments;
    SiteExportSummary summary;
    Status st = ExportJsonLines(store, out, options, &summary);
    EXPECT_TRUE(st.ok()) << st.message();
    return out.str();
  }
};

TEST_P(SiteExportTest, NewFieldsImportAndExportAsTheyWere) {
  ImportSummary s = Import(*store_, kSite);
  EXPECT_TRUE(s.errors.empty()) << s.errors[0].reason;
  EXPECT_EQ(s.created, 4u);
  EXPECT_EQ(s.settings_changed, 2u);
  ASSERT_EQ(s.warnings.size(), 1u);  // The unknown setting.
  EXPECT_NE(s.warnings[0].reason.find("no_such_key"), std::string::npos);
  EXPECT_EQ(s.comments_created, 3u);

  Settings settings;
  ASSERT_TRUE(store_->LoadSettings(&settings).ok());
  EXPECT_EQ(settings.site_name(), "صحيفة التجربة");

  Article scheduled = testing_backends::GetArticle(*store_, "خبر-مجدول");
  EXPECT_EQ(scheduled.workflow, Workflow::kScheduled);
  EXPECT_EQ(scheduled.scheduled_at, 1893477600);
  EXPECT_EQ(scheduled.seo_title, "عنوان البحث");
  EXPECT_EQ(scheduled.seo_description, "وصف البحث");
  EXPECT_EQ(scheduled.original_url, "https://www.alkhaleej.ae/x");
  EXPECT_TRUE(scheduled.canonical_original);
  Article trashed = testing_backends::GetArticle(*store_, "خبر-محذوف");
  EXPECT_EQ(trashed.workflow, Workflow::kTrashed);
  EXPECT_EQ(trashed.trashed_at, 1706734800);

  Article published = testing_backends::GetArticle(*store_, "خبر-منشور");
  ASSERT_EQ(published.notices.size(), 2u);
  EXPECT_EQ(published.notices[0].kind, NoticeKind::kCorrection);
  EXPECT_EQ(published.notices[0].placement, NoticePlacement::kTop);
  EXPECT_EQ(published.notices[0].at, 1709359200);
  EXPECT_EQ(published.notices[1].kind, NoticeKind::kUpdate);
  EXPECT_EQ(published.notices[1].placement, NoticePlacement::kBottom);
  EXPECT_EQ(published.notices[1].text, "أضفنا ردّ الوزارة.");
  std::vector<Comment> comments;
  ASSERT_TRUE(store_->ListArticleComments(published.id, &comments).ok());
  ASSERT_EQ(comments.size(), 3u);
  EXPECT_EQ(comments[0].email, "reader@example.test");  // With its email, lower-cased.
  EXPECT_EQ(comments[0].state, CommentState::kApproved);
  EXPECT_EQ(comments[1].parent_id, comments[0].id);
  EXPECT_EQ(comments[1].state, CommentState::kPending);
  EXPECT_EQ(comments[2].state, CommentState::kSpam);

  std::vector<Id> ids;
  ASSERT_TRUE(store_->ListAllArticleIds(&ids).ok());
  EXPECT_EQ(ids.size(), 4u);  // The trash and the schedule too.
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));

  // Export, import into a new site, export again: the same lines.
  const std::string first = Export(*store_, true);
  EXPECT_NE(first.find("\"workflow\":\"trashed\""), std::string::npos) << first;
  EXPECT_NE(first.find("\"article_url\":\"https://www.alkhaleej.ae/x\",\"canonical\":true"), std::string::npos);
  EXPECT_NE(first.find("\"seo\":{\"title\":\"عنوان البحث\",\"description\":\"وصف البحث\"}"), std::string::npos);
  EXPECT_NE(first.find("\"email\":\"reader@example.test\""), std::string::npos);
  EXPECT_NE(first.find("\"notices\":[{\"kind\":\"correction\",\"text\":\"صُحّح اسم الوزير.\",\"date\":\"2024-03-02T09:00:00+03:00\",\"placement\":\"top\"}"),
            std::string::npos)
      << first;
  EXPECT_EQ(Export(*store_, false).find("reader@example.test"), std::string::npos);

  std::unique_ptr<Store> other = OpenSecondSite();
  ImportSummary s2 = Import(*other, first);
  EXPECT_TRUE(s2.errors.empty()) << s2.errors[0].reason;
  EXPECT_TRUE(s2.warnings.empty()) << s2.warnings[0].reason;
  EXPECT_EQ(s2.created, 4u);
  EXPECT_EQ(s2.comments_created, 3u);
  EXPECT_EQ(Export(*other, true), first);

  // Again: nothing changes.
  ImportSummary s3 = Import(*other, first);
  EXPECT_EQ(s3.created, 0u);
  EXPECT_EQ(s3.updated, 0u);
  EXPECT_EQ(s3.unchanged, 4u);
  EXPECT_EQ(s3.comments_created + s3.comments_updated, 0u);
  EXPECT_EQ(s3.settings_changed, 0u);
}

TEST_P(SiteExportTest, DeskMadeArticlesGetAStableId) {
  Article a = testing_backends::MakeArticle("", "مقال من المكتب");
  testing_backends::SaveArticle(*store_, a);
  const std::string lines = Export(*store_, false);
  Article stored = testing_backends::GetArticle(*store_, "مقال-من-المكتب");
  EXPECT_NE(lines.find("\"id\":\"qalam:" + std::to_string(stored.id) + "\""), std::string::npos) << lines;
}

TEST_P(SiteExportTest, BadDeskFieldsAreRefused) {
  Article a;
  EXPECT_FALSE(ParseArticleLine(R"J({"title": "t", "body": "b", "workflow": "later"})J", "UTC", 0, &a).ok());
  EXPECT_FALSE(ParseArticleLine(R"J({"title": "t", "body": "b", "scheduled_at": "2030-01-01"})J", "UTC", 0, &a).ok());
  EXPECT_FALSE(ParseArticleLine(R"J({"title": "t", "body": "b", "status": "published", "workflow": "scheduled", "scheduled_at": "2030-01-01"})J", "UTC", 0, &a).ok());
  EXPECT_FALSE(ParseArticleLine(R"J({"title": "t", "body": "b", "image": {"file": "x"}})J", "UTC", 0, &a).ok());
  std::vector<ImportedComment> comments;
  EXPECT_FALSE(ParseArticleLine(R"J({"title": "t", "body": "b", "comments": [{"id": "1", "name": "n", "body": "b", "state": "gone"}]})J", "UTC", 0, &a, &comments).ok());
  ASSERT_TRUE(ParseArticleLine(R"J({"title": "t", "body": "b", "image": {"file": "abc-640.jpg", "alt": "وصف"}})J", "UTC", 0, &a).ok());
  ASSERT_TRUE(a.image.has_value());
  EXPECT_EQ(a.image->hash, "abc-640.jpg");
  EXPECT_EQ(a.image_alt, "وصف");
}

TEST_P(SiteExportTest, AnImageNotInTheFileIsAWarning) {
  ImportSummary s = Import(*store_, R"J({"id": "x", "title": "بصورة", "body": "b", "image": {"file": "0123456789abcdef-640.jpg", "alt": "وصف"}})J" "\n");
  EXPECT_EQ(s.created, 1u);
  ASSERT_EQ(s.warnings.size(), 1u);
  EXPECT_EQ(s.warnings[0].line, 1u);
  EXPECT_EQ(testing_backends::GetArticle(*store_, "بصورة").image_id, 0);
}

// The front page's layout and the menus (services/site_layout_lines.h):
// what a line names is found by interchange id and section slug, what is
// not here or not published is left out with a warning, a second import
// changes nothing, a malformed line or one the desk would refuse is
// skipped and saves nothing, and the export writes back what was saved.
TEST_P(SiteExportTest, TheFrontPageAndTheMenusImportAndExport) {
  const std::string layout =
      R"J({"home": {"lead": "a1", "featured": ["a2", "zz"], "sections": ["سياسة"], "opinion": "لا-قسم"}})J" "\n"
      R"J({"menu": {"name": "header", "items": [{"section": "سياسة"}, {"page": "p1", "label": " عنّا "}, {"page": "a1"}, {"link": "https://t.me/qalam", "label": "تيليغرام"}]}})J" "\n"
      R"J({"menu": {"name": "footer", "items": []}})J" "\n";
  ImportSummary s = Import(*store_, std::string(kSite) + layout);
  EXPECT_TRUE(s.errors.empty()) << s.errors[0].reason;
  EXPECT_EQ(s.layouts_changed, 3u);
  std::vector<std::string> left_out;
  for (const ImportError& w : s.warnings) {
    if (w.reason.find("left out") != std::string::npos) left_out.push_back(std::to_string(w.line) + " " + w.reason);
  }
  ASSERT_EQ(left_out.size(), 4u) << "a2 (scheduled), zz (not in the file), the section لا-قسم, a1 as a page";
  EXPECT_EQ(left_out[0], "6 home.featured: a2 is not a published article here: left out");
  EXPECT_EQ(left_out[1], "6 home.featured: article zz is not in this file: left out");
  EXPECT_EQ(left_out[2], "6 home.opinion: no section لا-قسم here: left out");
  EXPECT_EQ(left_out[3], "7 menu header: a1 is not a published page here: left out");

  const Article a1 = testing_backends::GetArticle(*store_, "خبر-منشور");
  const Article p1 = testing_backends::GetArticle(*store_, "من-نحن");
  ASSERT_TRUE(a1.section);
  HomeLayout home;
  ASSERT_TRUE(store_->GetHomeLayout(&home).ok());
  EXPECT_EQ(home.lead, a1.id);
  EXPECT_TRUE(home.featured.empty());
  EXPECT_TRUE(home.sections_chosen);
  EXPECT_EQ(home.sections, std::vector<Id>{a1.section->id});
  EXPECT_EQ(home.opinion_section, 0);
  SiteMenu header, footer;
  ASSERT_TRUE(store_->GetMenu(MenuName::kHeader, &header).ok());
  ASSERT_TRUE(store_->GetMenu(MenuName::kFooter, &footer).ok());
  ASSERT_EQ(header.items.size(), 3u);
  EXPECT_EQ(header.items[0].kind, MenuItemKind::kSection);
  EXPECT_EQ(header.items[0].target, a1.section->id);
  EXPECT_EQ(header.items[1].target, p1.id);
  EXPECT_EQ(header.items[1].label, "عنّا") << "trimmed as the desk keeps it";
  EXPECT_EQ(header.items[2].url, "https://t.me/qalam");
  EXPECT_TRUE(footer.saved) << "saved empty: the theme's default footer menu no longer shows";
  EXPECT_TRUE(footer.items.empty());

  // Again: nothing saved, nothing audited.
  std::vector<AuditEntry> audit_before;
  ASSERT_TRUE(store_->ListAudit(0, 1000, &audit_before).ok());
  s = Import(*store_, std::string(kSite) + layout);
  EXPECT_EQ(s.layouts_changed, 0u);
  std::vector<AuditEntry> audit_after;
  ASSERT_TRUE(store_->ListAudit(0, 1000, &audit_after).ok());
  EXPECT_EQ(audit_after.size(), audit_before.size());

  // Written back as saved, after the articles.
  const std::string out = Export(*store_, false);
  EXPECT_NE(out.find("\n{\"home\":{\"lead\":\"a1\",\"featured\":[],\"sections\":[\"سياسة\"]}}\n"), std::string::npos) << out;
  EXPECT_NE(out.find("\n{\"menu\":{\"name\":\"header\",\"items\":[{\"section\":\"سياسة\"},{\"page\":\"p1\",\"label\":\"عنّا\"},"
                     "{\"link\":\"https://t.me/qalam\",\"label\":\"تيليغرام\"}]}}\n"),
            std::string::npos) << out;
  EXPECT_NE(out.find("\n{\"menu\":{\"name\":\"footer\",\"items\":[]}}\n"), std::string::npos);
  EXPECT_LT(out.find("\"id\":\"p1\""), out.find("{\"home\":"));

  // Refused lines: skipped with the reason, nothing saved.
  s = Import(*store_, R"J({"home": {"featured": "a1"}})J" "\n"
                      R"J({"menu": {"name": "side", "items": []}})J" "\n"
                      R"J({"menu": {"name": "header", "items": [{"link": "javascript:alert(1)", "label": "x"}]}})J" "\n"
                      R"J({"menu": {"name": "header", "items": [{"section": "سياسة", "page": "p1"}]}})J" "\n");
  ASSERT_EQ(s.errors.size(), 4u);
  EXPECT_NE(s.errors[0].reason.find("home.featured must be an array"), std::string::npos) << s.errors[0].reason;
  EXPECT_NE(s.errors[1].reason.find("menu.name must be header or footer"), std::string::npos);
  EXPECT_NE(s.errors[2].reason.find("menu header: "), std::string::npos) << s.errors[2].reason;
  EXPECT_NE(s.errors[3].reason.find("one section, page or link"), std::string::npos);
  EXPECT_EQ(s.layouts_changed, 0u);
  ASSERT_TRUE(store_->GetMenu(MenuName::kHeader, &header).ok());
  EXPECT_EQ(header.items.size(), 3u);
}

INSTANTIATE_TEST_SUITE_P(Backends, SiteExportTest, ::testing::ValuesIn(StoreBackends()), BackendName);

}  // namespace
}  // namespace qalam
