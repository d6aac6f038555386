// A classifier's card: what `qalam moderation train` chose for the model it
// wrote, kept beside it (DIR/moderation/model.json for model.bin) and read
// with it, so that the thresholds always belong to the model they were
// measured on. The settings moderation_hold_score and
// moderation_reject_score read "auto" from here.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "core/status.h"

namespace qalam {

struct ModelCard {
  // not_ok thresholds chosen for the targets of moderation/thresholds.h;
  // reject > 1 means the score alone never rejects. Negative: not chosen.
  double hold = -1;
  double reject = -1;
  bool reject_needs_term = true;  // what the reject threshold was chosen under
  // "site" (the site's own moderators' decisions) or "sources" (datasets
  // left out in turn), and the figures behind the choice.
  std::string basis;
  nlohmann::json report = nlohmann::json::object();
  bool has_thresholds() const { return hold >= 0 && reject >= 0; }
};

// model.bin → model.json
std::string ModelCardPath(const std::string& model_path);
// NotFound when there is no card; Invalid when it is not one.
Status ReadModelCard(const std::string& path, ModelCard* card);
// Written beside, then renamed into place.
Status WriteModelCard(const std::string& path, const ModelCard& card);

}  // namespace qalam
