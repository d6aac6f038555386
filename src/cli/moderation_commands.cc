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
#include "moderation/model_card.h"
#include "moderation/pipeline.h"
#include "moderation/site_model.h"
#include "moderation/starter_terms.h"
#include "services/site_setup.h"
#include "moderation/term_matcher.h"
#include "store/open_store.h"
#include "store/store.h"

namespace qalam::cli {

namespace {

int Fail(const std::string& message) {
  std::cerr << "qalam: " << message << std::endl;
  return 1;
}

std::unique_ptr<Store> Open(const std::string& data_dir) {
  std::unique_ptr<Store> store;
  Status st = OpenStore(data_dir, StoreOptions{}, &store);
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

std::string Percent(double x) {
  if (x > 1) return "never";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.0f", 100 * x);
  return buf;
}

// The thresholds chosen for the targets, and what they do on each group of
// comments the scoring models never saw.
void PrintThresholds(const moderation::SiteModelReport& r, const Settings& settings) {
  const ModelCard& c = r.card;
  std::printf("thresholds chosen for the targets (at most %.0f%% of clean comments rejected, rejections "
              "%.0f%% right, at most %.0f%% of offensive comments published), on %s:\n",
              100 * moderation::Targets{}.max_ok_rejected, 100 * moderation::Targets{}.min_reject_precision,
              100 * moderation::Targets{}.max_not_ok_published,
              c.basis == "site" ? "the site's own moderators' decisions" : "each dataset in turn, scored by models that never saw it");
  std::printf("  moderation_hold_score auto = %s; moderation_reject_score auto = %s%s\n", Percent(c.hold).c_str(),
              Percent(c.reject).c_str(), c.reject_needs_term ? " (with a listed term)" : "");
  for (const char* key : {"moderation_hold_score", "moderation_reject_score"}) {
    if (settings.Get(key) != "auto")
      std::printf("  note: %s is set to %s on this site, which overrides the choice (qalam settings --data DIR %s auto)\n",
                  key, settings.Get(key).c_str(), key);
  }
  if (c.report.contains("unreachable") && !c.report["unreachable"].empty()) {
    std::string names;
    for (const auto& n : c.report["unreachable"]) names += (names.empty() ? "" : ", ") + n.get<std::string>();
    std::printf("  no hold threshold publishes few enough of the offensive comments of %s (it would take holding "
                "everything): left out of the choice\n", names.c_str());
  }
  std::printf("  | comments | n | not ok | clean rejected | rejections right | offensive published | held | F1 | ROC AUC | targets |\n");
  for (size_t i = 0; i < r.groups.size(); ++i) {
    const moderation::GroupOutcome& g = r.groups[i];
    std::printf("  | %s | %zu | %.2f | %.1f%% | %.3f | %.1f%% | %.1f%% | %.3f | %.3f | %s |\n",
                g.name.empty() ? "labeled" : g.name.c_str(), g.ok + g.not_ok,
                g.ok + g.not_ok ? static_cast<double>(g.not_ok) / static_cast<double>(g.ok + g.not_ok) : 0.0,
                100 * g.ok_rejected_share, g.reject_precision, 100 * g.not_ok_published_share, 100 * g.held_share,
                g.f1, i < r.group_auc.size() ? r.group_auc[i] : 0.0, g.meets ? "met" : "missed");
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
    // What the site would decide for a first-time commenter (a contract).
    const SpamSignals first_time;
    ModerationOutcome out = Moderate(in["text"].get<std::string>(), &matcher, classifier.get(), policy, &first_time);
    std::cout << OutcomeJson(out).dump() << "\n";
  }
  std::cout.flush();
  return bad ? 3 : 0;
}

int ModerationTrain(const std::string& data_dir, const std::vector<std::string>& files, bool force,
                    int threads, int folds) {
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
  Settings settings;
  if (!(st = store->LoadSettings(&settings)).ok()) return Fail(st.message());
  std::vector<ModerationTerm> listed;
  if (!(st = store->ListModerationTerms(&listed)).ok()) return Fail(st.message());
  const TermMatcher matcher(TermsOf(listed));

  const std::string path = ModelPath(data_dir);
  const std::string candidate = path + ".new";
  const std::string card_path = ModelCardPath(path);
  const std::string candidate_card = card_path + ".new";
  moderation::SiteModelOptions options;
  options.train.threads = threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  options.folds = folds;
  options.reject_needs_term = settings.Get("moderation_reject_needs") != "score";
  std::printf("training %d models on parts of the data to choose the thresholds, then the site's model "
              "(%d threads)…\n", std::max(2, folds), options.train.threads);
  std::fflush(stdout);
  moderation::SiteModelReport report;
  st = moderation::TrainSiteModel(data, &matcher, options, candidate, candidate_card, &report);
  if (!st.ok()) return Fail("training failed: " + st.message());
  const EvalReport& held = report.holdout;
  std::printf("trained on %zu comments in %.1f s; model %.1f MB\n", held.train, report.seconds,
              held.model_bytes / 1048576.0);
  PrintReport("new model", held);
  PrintThresholds(report, settings);

  // The running model, judged on the same held-out comments by ROC AUC
  // (thresholds are chosen per model, so F1 at one threshold would not say
  // which ranks better).
  std::unique_ptr<ModerationClassifier> current;
  st = ModerationClassifier::Load(path, &current);
  auto discard = [&] {
    std::error_code ec;
    std::filesystem::remove(candidate, ec);
    std::filesystem::remove(candidate_card, ec);
  };
  if (st.ok()) {
    EvalReport old;
    st = Evaluate(*current, report.holdout_comments, &old, held.threshold);
    if (!st.ok()) {
      discard();
      return Fail("cannot evaluate the current model: " + st.message());
    }
    PrintReport("current model", old);
    if (old.roc_auc > held.roc_auc + 0.005 && !force) {
      discard();
      std::printf("kept the current model: the new one ranks worse (ROC AUC %.3f < %.3f); --force replaces it anyway\n",
                  held.roc_auc, old.roc_auc);
      return 1;
    }
  } else if (!st.IsNotFound()) {
    std::printf("the current model cannot be read (%s): replacing it\n", st.message().c_str());
  }
  // The card first: a server that reloads between the two renames reads the
  // old model with the new card for one tick at most.
  std::error_code ec;
  std::filesystem::rename(candidate_card, card_path, ec);
  if (!ec) std::filesystem::rename(candidate, path, ec);
  if (ec) {
    discard();
    return Fail("cannot put the model in place: " + ec.message());
  }
  // Running servers load it on this key (within a second).
  if (!(st = store->RecordChanges({keys::kModerationModel})).ok()) {
    std::printf("model saved: %s, but running servers could not be told (%s): they pick it up within a minute\n",
                path.c_str(), st.message().c_str());
    return 0;
  }
  std::printf("model saved: %s with its thresholds in %s (running servers load both within a second)\n",
              path.c_str(), card_path.c_str());
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
    if (st.IsConflict()) {
      // Listed already (perhaps from the starter lists): the same term with
      // the same action and category is a no-op; otherwise the new action
      // and category replace the old.
      std::vector<ModerationTerm> terms;
      if (!(st = store->ListModerationTerms(&terms)).ok()) return Fail(st.message());
      auto it = std::find_if(terms.begin(), terms.end(), [&](const ModerationTerm& x) { return x.text == t.text; });
      if (it == terms.end()) return Fail("\"" + t.text + "\" is listed already");
      if (it->action == t.action && it->category == t.category) {
        std::cout << it->id << "\n";
        return 0;
      }
      if (!(st = store->RemoveModerationTerm(it->id)).ok() || !(st = store->AddModerationTerm(&t)).ok())
        return Fail(st.message());
      std::cerr << "qalam: \"" << t.text << "\" was listed as " << it->action
                << (it->category.empty() ? "" : " (" + it->category + ")") << "; now " << t.action
                << (t.category.empty() ? "" : " (" + t.category + ")") << "\n";
    } else if (!st.ok()) {
      return Fail(st.message());
    }
    std::cout << t.id << "\n";
    return 0;
  }
  if (verb == "starter") {
    size_t added = 0;
    Status st = AddStarterTerms(*store, &added);
    if (!st.ok()) return Fail(st.message());
    std::cout << "added " << added << " of the " << moderation::StarterTerms().size()
              << " starter terms (the others were listed already)\n";
    return 0;
  }
  Status st = store->RemoveModerationTerm(id);
  if (!st.ok()) return Fail(st.message());
  return 0;
}

}  // namespace qalam::cli
