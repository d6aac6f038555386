#include "wordpress/wxr.h"

namespace qalam::wp {

bool LooksLikeXml(const std::string& head) {
  size_t i = 0;
  // A UTF-8 byte order mark may precede the declaration.
  if (head.compare(0, 3, "\xEF\xBB\xBF") == 0) i = 3;
  while (i < head.size() && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) ++i;
  return i < head.size() && head[i] == '<';
}

}  // namespace qalam::wp
