#include "web/audit_sentences.h"

#include <gtest/gtest.h>

namespace qalam {
namespace {

DateStyle Style(const char* digits) { return MakeDateStyle("egypt", digits, "off", "Asia/Riyadh"); }

AuditEntry Entry(const std::string& action, const std::string& target, const std::string& detail, Id user = 3) {
  AuditEntry e;
  e.at = 1796613240;
  e.user_id = user;
  e.user_name = "مريم";
  e.action = action;
  e.target = target;
  e.detail = detail;
  return e;
}

std::string Text(const AuditEntry& e, const char* digits = "western") {
  return DescribeAudit(e, Style(digits), [](Id id) { return id == 9 ? std::string("سلمى") : std::string(); }).text;
}

TEST(AuditSentences, ArticleActionsReadAsArabicSentencesWithTheirLink) {
  const AuditEntry e = Entry("article.publish", "article:7", "قمة المناخ");
  const AuditSentence s = DescribeAudit(e, Style("western"), nullptr);
  EXPECT_EQ(s.text, "نشر المقالة «قمة المناخ».");
  EXPECT_EQ(s.link, "/admin/articles/7");
  EXPECT_EQ(Text(Entry("article.trash", "article:7", "قمة")), "نقل المقالة «قمة» إلى سلة المهملات.");
}

TEST(AuditSentences, AScheduleNamesItsTimeInTheSiteStyleAndDigits) {
  // 1796613240 is 2026-12-07 03:14 UTC, 06:14 in Riyadh.
  const AuditEntry e = Entry("article.schedule", "article:7", "قمة المناخ @1796613240");
  EXPECT_EQ(Text(e), "جدولة المقالة «قمة المناخ» للنشر في 7 ديسمبر 2026، 6:14 ص.");
  const std::string arabic = Text(e, "arabic");
  EXPECT_EQ(arabic, "جدولة المقالة «قمة المناخ» للنشر في ٧ ديسمبر ٢٠٢٦، ٦:١٤ ص.");
  EXPECT_EQ(arabic.find('@'), std::string::npos);
}

TEST(AuditSentences, ScheduledPublishingHasNoAccount) {
  const AuditEntry e = Entry("article.publish", "article:7", "مجدول: قمة المناخ", 0);
  EXPECT_EQ(Text(e), "نشر المقالة المجدولة «قمة المناخ» في موعدها.");
  EXPECT_EQ(AuditActor(e), "النشر المجدول");
  EXPECT_EQ(AuditActor(Entry("login", "user:3", "")), "مريم");
}

TEST(AuditSentences, AccountsAreNamedAndRolesInArabic) {
  EXPECT_EQ(Text(Entry("user.role", "user:9", "editor → writer")), "تغيير دور «سلمى» من «محرر» إلى «كاتب».");
  EXPECT_EQ(Text(Entry("user.add", "user:9", "writer سلمى")), "إضافة حساب «سلمى» بدور «كاتب».");
  EXPECT_EQ(Text(Entry("user.disable", "user:9", "salma@news.example")), "تعطيل حساب «سلمى».");
  EXPECT_EQ(Text(Entry("login.failed", "user:9", "10.0.0.1", 0)),
            "محاولة دخول فاشلة إلى حساب «سلمى» من العنوان <code dir=\"ltr\">10.0.0.1</code>.");
  EXPECT_EQ(Text(Entry("user.enable", "user:4", "")), "إعادة تفعيل حساب رقم 4.");
  EXPECT_EQ(Text(Entry("user.unlock", "user:9", "salma@news.example", 0)), "رفع إيقاف تسجيل الدخول عن حساب «سلمى».");
}

TEST(AuditSentences, CommentsCountWithArabicPlurals) {
  EXPECT_EQ(Text(Entry("comment.approve", "comment:5", "pending → approved")), "نشر التعليق رقم 5، وكان بانتظار المراجعة.");
  EXPECT_EQ(Text(Entry("comment.approve", "comment:5", "pending → approved (reply)")),
            "نشر التعليق رقم 5، وكان بانتظار المراجعة، مع ردّ من المشرف.");
  EXPECT_EQ(Text(Entry("comment.edit", "comment:5", "120 → 98 chars"), "arabic"),
            "تعديل نص التعليق رقم ٥ (من ١٢٠ حرفًا إلى ٩٨ حرفًا).");
  EXPECT_EQ(Text(Entry("comment.export", "commenter:ab", "2 comments")), "تصدير تعليقات معلّق بطلبه (تعليقان).");
  EXPECT_EQ(Text(Entry("comment.erase", "commenter:ab", "11 comments")), "محو تعليقات معلّق بطلبه (11 تعليقًا).");
}

TEST(AuditSentences, SettingsUseTheirArabicNamesAndValues) {
  EXPECT_EQ(Text(Entry("settings.change", "setting:digits", "western → arabic")),
            "تغيير الإعداد «الأرقام في التواريخ» من «غربية (15)» إلى «هندية (١٥)».");
  EXPECT_EQ(Text(Entry("settings.change", "setting:page_size", "20 → 30"), "arabic"),
            "تغيير الإعداد «عدد المقالات في الصفحة» من «٢٠» إلى «٣٠».");
  EXPECT_EQ(DescribeAudit(Entry("settings.change", "setting:page_size", "20 → 30"), Style("western"), nullptr).link,
            "/admin/settings");
}

TEST(AuditSentences, NamesTermsAndBreaking) {
  EXPECT_EQ(Text(Entry("names.rename", "section:2", "رياضة ← الرياضة")), "تغيير اسم القسم «رياضة» إلى «الرياضة».");
  EXPECT_EQ(Text(Entry("terms.add", "term:1", "reject: كلمة (إهانة)")), "إضافة «كلمة (إهانة)» إلى قائمة الرفض.");
  EXPECT_EQ(Text(Entry("breaking.add", "breaking:1", "عاجل <b>")), "إضافة خبر عاجل: «عاجل &lt;b&gt;».");
  EXPECT_EQ(Text(Entry("breaking.edit", "breaking:1", "عاجل\nعاجل جدًا، يبدأ لاحقًا")),
            "تعديل خبر عاجل: «عاجل» (عاجل جدًا، يبدأ لاحقًا).");
}

TEST(AuditSentences, TheFrontPagesLayout) {
  const AuditSentence s = DescribeAudit(Entry("home.layout", "home", "مقال رئيسي مختار، مقالان مميزان، قسم واحد"),
                                        Style("western"), nullptr);
  EXPECT_EQ(s.text, "ترتيب الصفحة الرئيسية: مقال رئيسي مختار، مقالان مميزان، قسم واحد.");
  EXPECT_EQ(s.link, "/admin/home");
}

TEST(AuditSentences, AnUnknownActionIsShownAsItIsNeverHidden) {
  EXPECT_EQ(Text(Entry("future.thing", "x:1", "a<b")), "<code dir=\"ltr\">future.thing</code>: a&lt;b.");
}

}  // namespace
}  // namespace qalam
