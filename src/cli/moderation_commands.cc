// `qalam moderation …`: score comments with the site's pipeline, train the
// site's classifier, edit the term lists.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <thread>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "core/change_keys.h"
#include "core/text.h"
#include "moderation/classifier.h"
#include "moderation/pipeline.h"
#include "moderation/term_matcher.h"
#include "store/store.h"

namespace qalam::cli {

namespace {

int Fail(const std::string& message) {
  std::cerr << "qalam: " << message << std::endl;
  return 1;
}

std::unique_ptr<Store> Open(const std::string& data_dir) {
  std::unique_ptr<Store> store;
  Status st = OpenSqliteStore(data_dir, false, &store);
  if (!st.ok()) {
    Fail(st.message());
    return nullptr;
  }
  return store;
}

void PrintReport(const char* name, const EvalReport& r) {
  std::printf("%s: %zu comments held out; at not_ok >= %.2f: precision %.3f, recall %.3f, F1 %.3f "
              "(tp %zu, fp %zu, fn %zu, tn %zu)\n",
              name, r.test, r.threshold, r.precision, r.recall, r.f1, r.tp, r.fp, r.fn, r.tn);
  // The threshold with the best F1 on this slice is what moderation_hold_score
  // would be set to for these comments; AUC says how well the scores rank
  // at all, whatever the threshold.
  std::printf("  ROC AUC %.3f; best F1 on these comments %.3f at not_ok >= %.2f (moderation_hold_score %.0f)\n",
              r.roc_auc, r.best.f1, r.best.threshold, 100 * r.best.threshold);
  for (const GroupStats& g : r.per_label) {
    std::printf("  %-10s %6zu comments, %5.1f%% flagged\n", g.name.c_str(), g.support, 100 * g.flagged_share);
  }
  for (const GroupStats& g : r.per_target) {
    std::printf("  target %-10s %6zu comments, %5.1f%% flagged\n", g.name.c_str(), g.support, 100 * g.flagged_share);
  }
}

}  // namespace

std::string ModelPath(const std::string& data_dir) {
  return (std::filesystem::path(data_dir) / "moderation" / "model.bin").string();
}

int ModerationScore(const std::string& data_dir) {
  auto store = Open(data_dir);
  if (!store) return 1;
  Settings settings;
  Status st = store->LoadSettings(&settings);
  if (!st.ok()) return Fail(st.message());
  std::vector<ModerationTerm> listed;
  st = store->ListModerationTerms(&listed);
  if (!st.ok()) return Fail(st.message());
  TermMatcher matcher(TermsOf(listed));
  std::unique_ptr<ModerationClassifier> classifier;
  st = ModerationClassifier::Load(ModelPath(data_dir), &classifier);
  if (!st.ok() && !st.IsNotFound()) return Fail("cannot load the classifier: " + st.message());
  if (!classifier) std::cerr << "qalam: no classifier trained for this site yet (qalam moderation train)\n";
  const ModerationPolicy policy = ModerationPolicy::FromSettings(settings);
  std::string line;
  size_t n = 0, bad = 0;
  while (std::getline(std::cin, line)) {
    ++n;
    if (Trim(line).empty()) continue;
    nlohmann::json in = nlohmann::json::parse(line, nullptr, false);
    if (!in.is_object() || !in.contains("text") || !in["text"].is_string() ||
        !IsValidUtf8(in["text"].get<std::string>())) {
      ++bad;
      std::cerr << "stdin:" << n << ": skipped: not a JSON object with a \"text\" string\n";
      std::cout << nlohmann::json{{"line", n}, {"error", "not a JSON object with a \"text\" string"}}.dump() << "\n";
      continue;
    }
    ModerationOutcome out = Moderate(in["text"].get<std::string>(), &matcher, classifier.get(), policy, nullptr);
    std::cout << OutcomeJson(out).dump() << "\n";
  }
  std::cout.flush();
  return bad ? 3 : 0;
}

int ModerationTrain(const std::string& data_dir, const std::vector<std::string>& files, bool force,
                    int threads) {
  auto store = Open(data_dir);
  if (!store) return 1;
  std::vector<LabeledComment> data;
  for (const std::string& file : files) {
    size_t skipped = 0, before = data.size();
    Status st = ReadLabeledJsonl(file, &data, &skipped);
    if (!st.ok()) return Fail(st.message());
    std::printf("%s: %zu comments%s\n", file.c_str(), data.size() - before,
                skipped ? (", " + std::to_string(skipped) + " lines skipped").c_str() : "");
  }
  // The site's own moderators: approved is ok, rejected is offensive; spam
  // says nothing about language and is left out.
  std::vector<std::pair<std::string, std::string>> decisions;
  Status st = store->LoadModerationLog(&decisions);
  if (!st.ok()) return Fail(st.message());
  size_t own = 0;
  for (const auto& [text, label] : decisions) {
    if (label != "ok" && label != "offensive" && label != "hate") continue;
    data.push_back(LabeledComment{text, label, "site", ""});
    ++own;
  }
  std::printf("moderators' decisions: %zu\n", own);
  if (data.size() < 50) return Fail("too little labeled text to train on (" + std::to_string(data.size()) + " comments)");

  const std::string path = ModelPath(data_dir);
  const std::string candidate = path + ".new";
  TrainOptions options;
  options.threads = threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  EvalReport report;
  st = TrainClassifier(data, options, candidate, &report);
  if (!st.ok()) return Fail("training failed: " + st.message());
  std::printf("trained on %zu comments in %.1f s; model %.1f MB\n", report.train, report.train_seconds,
              report.model_bytes / 1048576.0);
  PrintReport("new model", report);

  // The running model, judged on the same held-out comments.
  std::unique_ptr<ModerationClassifier> current;
  st = ModerationClassifier::Load(path, &current);
  if (st.ok()) {
    std::vector<size_t> train_idx, test_idx;
    SplitHoldout(data, options.holdout_share, options.seed, options.text, &train_idx, &test_idx);
    std::vector<LabeledComment> held;
    for (size_t i : test_idx) held.push_back(data[i]);
    EvalReport old;
    st = Evaluate(*current, held, &old, report.threshold);
    if (!st.ok()) return Fail("cannot evaluate the current model: " + st.message());
    PrintReport("current model", old);
    if (old.f1 > report.f1 && !force) {
      std::error_code ec;
      std::filesystem::remove(candidate, ec);
      std::printf("kept the current model: the new one is worse (F1 %.3f < %.3f); --force replaces it anyway\n",
                  report.f1, old.f1);
      return 1;
    }
  } else if (!st.IsNotFound()) {
    std::printf("the current model cannot be read (%s): replacing it\n", st.message().c_str());
  }
  std::error_code ec;
  std::filesystem::rename(candidate, path, ec);
  if (ec) return Fail("cannot put the model in place: " + ec.message());
  // Running servers load it on this key (within a second).
  if (!(st = store->RecordChanges({keys::kModerationModel})).ok()) {
    std::printf("model saved: %s, but running servers could not be told (%s): they pick it up within a minute\n",
                path.c_str(), st.message().c_str());
    return 0;
  }
  std::printf("model saved: %s (running servers load it within a second)\n", path.c_str());
  return 0;
}

int ModerationTerms(const std::string& data_dir, const std::string& verb, const std::string& text,
                    const std::string& action, const std::string& category, long long id) {
  auto store = Open(data_dir);
  if (!store) return 1;
  if (verb == "list") {
    std::vector<ModerationTerm> terms;
    Status st = store->ListModerationTerms(&terms);
    if (!st.ok()) return Fail(st.message());
    for (const ModerationTerm& t : terms) {
      std::cout << t.id << "\t" << t.action << "\t" << (t.category.empty() ? "-" : t.category) << "\t" << t.text << "\n";
    }
    return 0;
  }
  if (verb == "add") {
    ModerationTerm t{0, Trim(ToNfc(text)), action, Trim(category)};
    if (t.text.empty() || !IsValidUtf8(t.text)) return Fail("the term must be non-empty UTF-8 text");
    if (t.action != "reject" && t.action != "hold") return Fail("--action must be reject or hold (got \"" + action + "\")");
    moderation::Term term{t.text, moderation::TermAction::kHold, t.category};
    if (Status valid = moderation::TermMatcher::Validate(term); !valid.ok()) {
      return Fail("cannot add \"" + t.text + "\": " + valid.message());
    }
    Status st = store->AddModerationTerm(&t);
    if (!st.ok()) return Fail(st.message());
    std::cout << t.id << "\n";
    return 0;
  }
  Status st = store->RemoveModerationTerm(id);
  if (!st.ok()) return Fail(st.message());
  return 0;
}

}  // namespace qalam::cli
