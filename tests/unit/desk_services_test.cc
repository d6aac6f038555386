// The rules the desk's services took over from the web layer, against a real
// store on every backend: each change writes its audit entry, a change that
// changes nothing writes nothing, the accounts rules that keep an active
// admin, breaking-news checks and ordering, trash purge, autosaves, settings
// with the search reindex, term lists, and what a server's poll does.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>

#include "arabic/dates.h"
#include "core/change_keys.h"
#include "core/roles.h"
#include "services/accounts.h"
#include "services/article_desk.h"
#include "services/breaking_news.h"
#include "services/moderation_terms.h"
#include "services/names.h"
#include "services/site_changes.h"
#include "services/site_settings.h"
#include "store_backends.h"
#include "store_helpers.h"

namespace qalam {
namespace {

using testing_backends::BackendName;
using testing_backends::StoreBackends;
using testing_backends::StoreBackendTest;
using testing_backends::UserPerRole;

constexpr int64_t kNow = 1'800'000'000;

class DeskServicesTest : public StoreBackendTest {
 protected:
  void SetUp() override {
    StoreBackendTest::SetUp();
    if (HasFatalFailure()) return;
    users_ = UserPerRole(*store_, {Role::kAdmin, Role::kWriter});
    ASSERT_FALSE(HasFailure());
  }
  // The audit log in the order it was written.
  std::vector<AuditEntry> Audit() {
    std::vector<AuditEntry> entries;
    EXPECT_TRUE(store_->ListAudit(0, 1000, &entries).ok());
    std::sort(entries.begin(), entries.end(), [](const AuditEntry& a, const AuditEntry& b) { return a.id < b.id; });
    return entries;
  }
  Article Draft(ArticleDesk& desk, const std::string& title) {
    Article a;
    ArticleForm f;
    f.title = title;
    f.body = "نص " + title + ".";
    EXPECT_TRUE(ApplyForm(f, &a).ok());
    std::set<std::string> changes;
    EXPECT_TRUE(desk.Run(users_[Role::kWriter], DeskCommand{}, kNow, &a, &changes).ok());
    return a;
  }

  std::map<Role, User> users_;
};

TEST_P(DeskServicesTest, BreakingCheckRefusesWithArabicReasons) {
  BreakingNews news(*store_);
  BreakingItem item;
  EXPECT_TRUE(news.Check({"  ", "", "", ""}, "Africa/Cairo", kNow, 0, &item).IsInvalid());
  EXPECT_TRUE(news.Check({std::string(kBreakingMaxChars + 1, 'x'), "", "", ""}, "Africa/Cairo", kNow, 0,
                                  &item)
                  .IsInvalid());
  EXPECT_TRUE(news.Check({"عاجل", "//evil.example", "", ""}, "Africa/Cairo", kNow, 0, &item).IsInvalid());
  EXPECT_TRUE(news.Check({"عاجل", "", "", "0"}, "Africa/Cairo", kNow, 0, &item).IsInvalid());
  ASSERT_TRUE(news.Check({" عاجل\nالآن ", "/article/x", "", "30"}, "Africa/Cairo", kNow, 0, &item).ok());
  EXPECT_EQ(item.text, "عاجل الآن");
  EXPECT_EQ(item.until, kNow + 30 * 60);
  // An expiry already past stays when sent back unchanged, and only then.
  const std::string past = FormatIsoDateTime(kNow - 3600, "Africa/Cairo").substr(0, 16);
  EXPECT_TRUE(news.Check({"عاجل", "", past, ""}, "Africa/Cairo", kNow, 0, &item).IsInvalid());
  ASSERT_TRUE(news.Check({"عاجل", "", past, ""}, "Africa/Cairo", kNow, kNow - 3600, &item).ok());
  EXPECT_EQ(item.until, kNow - 3600);
}

// A start, urgency and an article: a past start means now, the end must
// come after the start (a duration counts from it), the article must be
// published and wins over a typed link.
TEST_P(DeskServicesTest, BreakingCheckReadsStartUrgencyAndArticle) {
  BreakingNews news(*store_);
  const Id published = testing_backends::SaveArticle(*store_, testing_backends::MakeArticle("bn-1", "منشور")).id;
  Article draft_article = testing_backends::MakeArticle("bn-2", "مسودة");
  draft_article.status = ArticleStatus::kDraft;
  const Id draft = testing_backends::SaveArticle(*store_, draft_article).id;
  auto local = [](int64_t t) { return FormatIsoDateTime(t, "Africa/Cairo").substr(0, 16); };
  BreakingItem item;
  BreakingForm f{"عاجل", "", "", "", local(kNow + 3600), "on", ""};
  ASSERT_TRUE(news.Check(f, "Africa/Cairo", kNow, 0, &item).ok());
  EXPECT_EQ(item.starts_at, kNow + 3600);
  EXPECT_TRUE(item.urgent);
  f.minutes = "30";
  ASSERT_TRUE(news.Check(f, "Africa/Cairo", kNow, 0, &item).ok());
  EXPECT_EQ(item.until, kNow + 3600 + 30 * 60) << "a duration counts from the start";
  f.minutes = "";
  f.until = local(kNow + 1800);
  Status st = news.Check(f, "Africa/Cairo", kNow, 0, &item);
  EXPECT_TRUE(st.IsInvalid());
  EXPECT_EQ(st.message(), "موعد الانتهاء يجب أن يأتي بعد موعد البدء.");
  f = BreakingForm{"عاجل", "", "", "", local(kNow - 600), "", ""};
  ASSERT_TRUE(news.Check(f, "Africa/Cairo", kNow, 0, &item).ok());
  EXPECT_EQ(item.starts_at, 0) << "a past start means now";
  EXPECT_FALSE(item.urgent);
  f.starts = "غدًا";
  EXPECT_TRUE(news.Check(f, "Africa/Cairo", kNow, 0, &item).IsInvalid());
  f = BreakingForm{"عاجل", "//evil.example", "", "", "", "", std::to_string(published)};
  ASSERT_TRUE(news.Check(f, "Africa/Cairo", kNow, 0, &item).ok());
  EXPECT_EQ(item.article_id, published);
  EXPECT_EQ(item.link, "") << "the article wins over the typed link";
  for (const std::string& bad : {std::to_string(draft), std::string("424242"), std::string("x")}) {
    f.article = bad;
    st = news.Check(f, "Africa/Cairo", kNow, 0, &item);
    EXPECT_TRUE(st.IsInvalid()) << bad;
    EXPECT_NE(st.message().find("غير منشور"), std::string::npos) << st.message();
  }
}

TEST_P(DeskServicesTest, BreakingChangesAreAudited) {
  BreakingNews breaking(*store_);
  const Id admin = users_[Role::kAdmin].id;
  BreakingItem a, b;
  a.text = "الأول";
  b.text = "الثاني";
  ASSERT_TRUE(breaking.Add(&a, admin, kNow).ok());
  ASSERT_TRUE(breaking.Add(&b, admin, kNow + 1).ok());
  EXPECT_EQ(a.created_at, kNow);

  // Newest first; moving the first one up changes nothing and logs nothing.
  bool moved = true;
  ASSERT_TRUE(breaking.Move(b.id, true, admin, kNow, &moved).ok());
  EXPECT_FALSE(moved);
  ASSERT_TRUE(breaking.Move(b.id, false, admin, kNow, &moved).ok());
  EXPECT_TRUE(moved);
  std::vector<BreakingItem> items;
  ASSERT_TRUE(breaking.List(&items).ok());
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].id, a.id);
  // A whole order must name every item once.
  EXPECT_TRUE(breaking.Order({a.id}, admin, kNow).IsConflict());
  EXPECT_TRUE(breaking.Order({a.id, a.id}, admin, kNow).IsConflict());
  ASSERT_TRUE(breaking.Order({b.id, a.id}, admin, kNow).ok());
  ASSERT_TRUE(breaking.Expire(a, admin, kNow + 5).ok());
  ASSERT_TRUE(breaking.List(&items).ok());
  EXPECT_EQ(items[1].until, kNow + 5);
  ASSERT_TRUE(breaking.Remove(b, admin, kNow).ok());
  EXPECT_TRUE(breaking.Remove(b, admin, kNow).IsNotFound());

  std::vector<std::string> seen;
  for (const AuditEntry& e : Audit()) seen.push_back(e.action + " " + e.target + " " + e.detail);
  const std::string ida = std::to_string(a.id), idb = std::to_string(b.id);
  EXPECT_EQ(seen, (std::vector<std::string>{
                      "breaking.add breaking:" + ida + " الأول",
                      "breaking.add breaking:" + idb + " الثاني",
                      "breaking.order breaking:" + idb + " " + ida + ", " + idb,
                      "breaking.order breaking " + idb + ", " + ida,
                      "breaking.expire breaking:" + ida + " الأول",
                      "breaking.remove breaking:" + idb + " الثاني",
                  }));
}

TEST_P(DeskServicesTest, AccountsKeepAnActiveAdminAndAuditChanges) {
  Accounts accounts(*store_);
  const User admin = users_[Role::kAdmin], writer = users_[Role::kWriter];
  bool changed = true;
  EXPECT_TRUE(accounts.SetRole(admin, admin, Role::kEditor, kNow, &changed).IsInvalid()) << "not oneself";
  EXPECT_TRUE(accounts.SetDisabled(admin, admin, true, kNow, &changed).IsInvalid()) << "not oneself";
  ASSERT_TRUE(accounts.SetRole(admin, admin, Role::kAdmin, kNow, &changed).ok());
  EXPECT_FALSE(changed) << "the same role is no change, even one's own";
  ASSERT_TRUE(accounts.SetDisabled(admin, writer, false, kNow, &changed).ok());
  EXPECT_FALSE(changed);
  EXPECT_TRUE(Audit().empty());

  // The writer, made admin, cannot demote the only other admin once that
  // one is disabled: the site keeps one active admin.
  ASSERT_TRUE(accounts.SetRole(admin, writer, Role::kAdmin, kNow, &changed).ok());
  EXPECT_TRUE(changed);
  User promoted;
  ASSERT_TRUE(accounts.Get(writer.id, &promoted).ok());
  ASSERT_TRUE(accounts.SetDisabled(promoted, admin, true, kNow, &changed).ok());
  Status st = accounts.SetRole(admin, promoted, Role::kWriter, kNow, &changed);
  EXPECT_TRUE(st.IsConflict());
  EXPECT_FALSE(st.message().empty());

  std::string first, second;
  ASSERT_TRUE(accounts.NewPasswordLink(admin, writer, "https://x.example", kNow, &first).ok());
  ASSERT_TRUE(accounts.NewPasswordLink(admin, writer, "https://x.example", kNow, &second).ok());
  EXPECT_EQ(second.rfind("https://x.example/admin/set-password?token=", 0), 0u);
  const std::string token1 = first.substr(first.find("token=") + 6), token2 = second.substr(second.find("token=") + 6);
  EXPECT_FALSE(accounts.LinkUsable(token1, false, kNow)) << "a new link replaces the older ones";
  EXPECT_TRUE(accounts.LinkUsable(token2, false, kNow));
  EXPECT_FALSE(accounts.LinkUsable(token2, true, kNow)) << "not a setup link";

  std::vector<std::string> seen;
  for (const AuditEntry& e : Audit()) seen.push_back(e.action + " " + e.target + " " + e.detail);
  const std::string w = "user:" + std::to_string(writer.id), a = "user:" + std::to_string(admin.id);
  EXPECT_EQ(seen, (std::vector<std::string>{"user.role " + w + " writer → admin", "user.disable " + a + " " + admin.email,
                                            "user.link " + w + " " + writer.email,
                                            "user.link " + w + " " + writer.email}));
}

TEST_P(DeskServicesTest, DeskRunNotifiesPublishedChangesAndTrashIsAudited) {
  int published_changes = 0;
  ArticleDesk desk(*store_, [&] { ++published_changes; });
  Article a = Draft(desk, "مقال للسلة");
  EXPECT_EQ(published_changes, 0) << "a draft changes nothing readers see";
  std::set<std::string> changes;
  DeskCommand publish{DeskAction::kPublish, a.version};
  ASSERT_TRUE(desk.Run(users_[Role::kAdmin], publish, kNow, &a, &changes).ok());
  EXPECT_EQ(published_changes, 1);
  DeskCommand trash{DeskAction::kTrash, a.version};
  ASSERT_TRUE(desk.Run(users_[Role::kAdmin], trash, kNow, &a, &changes).ok());
  EXPECT_EQ(published_changes, 2) << "taking an article away changes what readers see";

  std::vector<std::pair<Id, std::string>> deleted;
  ASSERT_TRUE(desk.EmptyTrash(users_[Role::kAdmin], kNow + 86400, &deleted).ok());
  EXPECT_TRUE(deleted.empty()) << "the trash keeps articles 30 days";
  ASSERT_TRUE(desk.EmptyTrash(users_[Role::kAdmin], kNow + kTrashKeepSeconds + 1, &deleted).ok());
  ASSERT_EQ(deleted.size(), 1u);
  const std::vector<AuditEntry> audit = Audit();
  ASSERT_FALSE(audit.empty());
  EXPECT_EQ(audit.back().action, "article.delete");
  EXPECT_EQ(audit.back().target, "article:" + std::to_string(a.id));
  EXPECT_EQ(audit.back().detail, "مقال للسلة");
  EXPECT_EQ(audit.back().user_id, users_[Role::kAdmin].id);
}

// A body past the Markdown bounds is refused by a save, but what was typed
// is autosaved as it is (unrendered), to be fixed rather than lost.
TEST_P(DeskServicesTest, AnAutosaveKeepsABodyPastTheMarkdownBounds) {
  ArticleDesk desk(*store_);
  Article a = Draft(desk, "مقال مفتوح");
  ArticleForm typed = FormOf(a);
  typed.body = "مقدمة\n\n" + std::string(40, '>') + " اقتباس عميق";
  ASSERT_TRUE(desk.Autosave(users_[Role::kWriter], a, typed, a.version, kNow).ok());
  AutosaveState state;
  ASSERT_TRUE(desk.Autosaves(a.id, users_[Role::kWriter], kNow + 60, &state).ok());
  ASSERT_TRUE(state.own.has_value());
  ArticleForm own;
  ASSERT_TRUE(ParseSnapshot(state.own->snapshot, &own).ok());
  EXPECT_EQ(own.body, typed.body);
}

TEST_P(DeskServicesTest, AutosavesTellWhoElseIsEditingAndRevisionsBelongToTheirArticle) {
  ArticleDesk desk(*store_);
  Article a = Draft(desk, "مقال مفتوح");
  Article b = Draft(desk, "مقال آخر");
  ArticleForm typed = FormOf(a);
  typed.title = "عنوان لم يُحفظ";
  ASSERT_TRUE(desk.Autosave(users_[Role::kWriter], a, typed, a.version, kNow).ok());
  ASSERT_TRUE(desk.Autosave(users_[Role::kAdmin], a, typed, a.version, kNow).ok());

  AutosaveState state;
  ASSERT_TRUE(desk.Autosaves(a.id, users_[Role::kWriter], kNow + 60, &state).ok());
  EXPECT_EQ(state.others_editing, std::vector<std::string>{"admin"});
  ASSERT_TRUE(state.own.has_value());
  ArticleForm own;
  ASSERT_TRUE(ParseSnapshot(state.own->snapshot, &own).ok());
  EXPECT_EQ(own.title, "عنوان لم يُحفظ");
  ASSERT_TRUE(desk.Autosaves(a.id, users_[Role::kWriter], kNow + kEditingWindow + 1, &state).ok());
  EXPECT_TRUE(state.others_editing.empty()) << "an old autosave is not someone editing now";
  EXPECT_TRUE(state.own.has_value()) << "one's own unsaved text stays, however old";

  std::vector<Revision> revisions;
  ASSERT_TRUE(desk.ListRevisions(a.id, &revisions).ok());
  ASSERT_FALSE(revisions.empty());
  ArticleForm form;
  ASSERT_TRUE(desk.RevisionForm(a.id, revisions.front().id, &form).ok());
  EXPECT_EQ(form.title, "مقال مفتوح");
  EXPECT_TRUE(desk.RevisionForm(b.id, revisions.front().id, &form).IsNotFound());
}

TEST_P(DeskServicesTest, NamesCheckPhotoNoOpAndAudit) {
  ArticleDesk desk(*store_);
  Article a;
  ArticleForm f;
  f.title = "مقال";
  f.body = "نص.";
  f.writer_name = "كاتب";
  f.source_name = "مصدر";
  ASSERT_TRUE(ApplyForm(f, &a).ok());
  std::set<std::string> changes;
  ASSERT_TRUE(desk.Run(users_[Role::kWriter], DeskCommand{}, kNow, &a, &changes).ok());

  Names names(*store_);
  std::vector<NamedItem> people;
  ASSERT_TRUE(names.List(NamedKind::kPerson, "", 10, &people).ok());
  ASSERT_EQ(people.size(), 1u);
  const NamedItem stored = people.front();
  NamedItem item = stored;
  item.name = "";
  EXPECT_TRUE(Names::Check(NamedKind::kPerson, item).IsInvalid());
  item.name = "كاتب";
  item.extra = std::string(kBioMaxChars + 1, 'x');
  EXPECT_TRUE(Names::Check(NamedKind::kPerson, item).IsInvalid());
  NamedItem source;
  source.name = "مصدر";
  source.extra = "ftp://x.example";
  EXPECT_TRUE(Names::Check(NamedKind::kSource, source).IsInvalid());
  source.extra = "https://x.example";
  EXPECT_TRUE(Names::Check(NamedKind::kSource, source).ok());

  bool changed = true;
  ASSERT_TRUE(names.Update(NamedKind::kPerson, stored, stored, users_[Role::kAdmin].id, kNow, &changed).ok());
  EXPECT_FALSE(changed);
  item = stored;
  item.photo_id = 999;
  EXPECT_TRUE(names.Update(NamedKind::kPerson, stored, item, users_[Role::kAdmin].id, kNow, &changed).IsInvalid())
      << "a photo must be in the media library";
  EXPECT_TRUE(Audit().empty());
  item = stored;
  item.name = "كاتب جديد";
  ASSERT_TRUE(names.Update(NamedKind::kPerson, stored, item, users_[Role::kAdmin].id, kNow, &changed).ok());
  EXPECT_TRUE(changed);
  const std::vector<AuditEntry> audit = Audit();
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].action, "names.rename");
  EXPECT_EQ(audit[0].target, "person:" + std::to_string(stored.id));
  EXPECT_EQ(audit[0].detail, "كاتب ← كاتب جديد");
}

TEST_P(DeskServicesTest, SettingsAreAuditedAndTehMarbutaReindexes) {
  SiteSettings settings(*store_);
  Settings current;
  ASSERT_TRUE(settings.Load(&current).ok());
  const std::string before = current.Get("search_teh_marbuta");
  const std::string after = before == "fold" ? "keep" : "fold";
  bool index_failed = true;
  ASSERT_TRUE(settings.Save(current, {{"search_teh_marbuta", after}, {"site_name", "موقع"}}, users_[Role::kAdmin].id,
                            kNow, &index_failed)
                  .ok());
  EXPECT_FALSE(index_failed);
  Settings now;
  ASSERT_TRUE(settings.Load(&now).ok());
  EXPECT_EQ(now.Get("search_teh_marbuta"), after);
  EXPECT_EQ(now.site_name(), "موقع");
  const std::vector<AuditEntry> audit = Audit();
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[0].target, "setting:search_teh_marbuta");
  EXPECT_EQ(audit[0].detail, before + " → " + after);
  EXPECT_EQ(audit[1].action, "settings.change");
  EXPECT_EQ(audit[1].target, "setting:site_name");
}

TEST_P(DeskServicesTest, TermListsCheckAndAudit) {
  ModerationTerms terms(*store_);
  std::vector<ModerationTerm> before;
  ASSERT_TRUE(terms.List(&before).ok());
  const Id admin = users_[Role::kAdmin].id;
  ModerationTerm stored;
  EXPECT_TRUE(terms.Add("كلمة", "ban", "", admin, kNow, &stored).IsInvalid());
  EXPECT_TRUE(terms.Add(std::string(kMaxTermChars + 1, 'x'), "hold", "", admin, kNow, &stored).IsInvalid());
  EXPECT_TRUE(terms.Add("ك", "hold", "", admin, kNow, &stored).IsInvalid()) << "the matcher needs two letters";
  ASSERT_TRUE(terms.Add("كلمة جديدة", "hold", "insult", admin, kNow, &stored).ok());
  EXPECT_TRUE(terms.Add("كلمة جديدة", "hold", "", admin, kNow, &stored).IsConflict());
  ASSERT_TRUE(terms.Remove(stored.id, admin, kNow).ok());
  EXPECT_TRUE(terms.Remove(stored.id, admin, kNow).IsNotFound());
  const std::vector<AuditEntry> audit = Audit();
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[0].action, "terms.add");
  EXPECT_EQ(audit[0].detail, "hold: كلمة جديدة (insult)");
  EXPECT_EQ(audit[1].action, "terms.remove");
  EXPECT_EQ(audit[1].target, "term:" + std::to_string(stored.id));
}

TEST_P(DeskServicesTest, PollPublishesDueArticlesAndSortsTheKeys) {
  int published_changes = 0;
  ArticleDesk desk(*store_);
  Article a = Draft(desk, "مقال مجدول");
  std::set<std::string> changes;
  DeskCommand schedule{DeskAction::kSchedule, a.version, kNow + 600};
  ASSERT_TRUE(desk.Run(users_[Role::kAdmin], schedule, kNow, &a, &changes).ok());

  CommentService comments(*store_, dir_ + "/no-model.bin");
  SearchService search(*store_);
  SiteChanges site(*store_, comments, search, [&] { ++published_changes; });
  ASSERT_TRUE(site.Start().ok());
  std::vector<std::string> keys;
  ASSERT_TRUE(site.Poll(kNow + 60, &keys).ok());
  EXPECT_TRUE(keys.empty());
  EXPECT_EQ(published_changes, 0);

  ASSERT_TRUE(store_->RecordChanges({keys::kModerationTerms}).ok());
  ASSERT_TRUE(site.Poll(kNow + 600, &keys).ok());
  EXPECT_EQ(published_changes, 1);
  EXPECT_NE(std::find(keys.begin(), keys.end(), "article:" + std::to_string(a.id)), keys.end());
  EXPECT_EQ(std::find(keys.begin(), keys.end(), keys::kModerationTerms), keys.end())
      << "a key that names no page is the services' own";
  ASSERT_TRUE(site.Poll(kNow + 700, &keys).ok());
  EXPECT_TRUE(keys.empty()) << "each key is read once";
}

INSTANTIATE_TEST_SUITE_P(Backends, DeskServicesTest, ::testing::ValuesIn(StoreBackends()), BackendName);

}  // namespace
}  // namespace qalam
