// What the store tests make and read back: an article, users, a session.
// Free functions on a Store, so that every fixture uses the same ones,
// whether it runs over StoreBackends() or on SQLite alone.
#pragma once
#include <gtest/gtest.h>

#include <initializer_list>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/roles.h"
#include "services/article_text.h"
#include "store/store.h"

namespace qalam::testing_backends {

// A published article's fields; nothing is stored.
inline Article MakeArticle(const std::string& external_id, const std::string& title,
                           int64_t published_at = 1642194000) {
  Article a;
  a.external_id = external_id;
  a.title = title;
  a.published_at = published_at;
  a.body_markdown = "نص " + title;
  a.body_html = "<p>نص " + title + "</p>\n";
  return a;
}

// Saves one article as an import does; its change keys go to `changes`
// when given.
// Saves `a` as the importer would: its slugs, search text and terms made
// first (services/article_text.h; the store persists them, store.h).
inline SaveResult SaveArticle(Store& store, Article a, std::set<std::string>* changes = nullptr) {
  PrepareArticle(&a);
  std::vector<Article> v{std::move(a)};
  std::vector<SaveResult> results;
  std::set<std::string> local;
  Status st = store.SaveArticles(&v, &results, changes ? changes : &local);
  EXPECT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(results.size(), 1u);
  return results.empty() ? SaveResult{} : results[0];
}

inline Article GetArticle(Store& store, const std::string& slug) {
  Article a;
  Status st = store.GetArticleBySlug(slug, &a);
  EXPECT_TRUE(st.ok()) << slug << ": " << st.message();
  return a;
}

// An account with a (stand-in) password.
inline User NewUser(Store& store, const std::string& email, Role role) {
  User u;
  u.email = email;
  u.name = "اسم " + email;
  u.role = role;
  u.password_hash = "$argon2id$stand-in";
  u.created_at = 1'800'000'000;
  EXPECT_TRUE(store.CreateUser(&u).ok()) << email;
  return u;
}

// An account for each role, named after it ("writer", writer@example.com),
// without a password.
inline std::map<Role, User> UserPerRole(Store& store, std::initializer_list<Role> roles) {
  std::map<Role, User> users;
  for (Role role : roles) {
    User u;
    u.email = std::string(ToString(role)) + "@example.com";
    u.name = ToString(role);
    u.role = role;
    EXPECT_TRUE(store.CreateUser(&u).ok()) << u.email;
    users[role] = u;
  }
  return users;
}

// A day-long session of the user's, its token digest `digest`.
inline Session NewSession(Store& store, Id user_id, const std::string& digest) {
  Session s{digest, user_id, "csrf-" + digest, 1'800'000'000, 1'800'000'000 + 86400};
  EXPECT_TRUE(store.CreateSession(s).ok());
  return s;
}

}  // namespace qalam::testing_backends
