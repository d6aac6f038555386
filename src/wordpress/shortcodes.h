// WordPress shortcodes ([name attrs], [name attrs]...[/name], [[name]]) read
// from text, in linear time whatever the text: a scan never goes back over
// what it has read, so 1 MB of "[[[[" costs one pass.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace qalam::wp {

// An opening tag, "[name attrs]" or "[name attrs /]".
struct ShortcodeTag {
  std::string name;  // ASCII, lower case.
  // Attributes in order: name="value", name='value', name=value; a value
  // alone ("value", 'value', value, or "[name=value]") has an empty name.
  std::vector<std::pair<std::string, std::string>> attrs;
  size_t begin = 0;  // The '['.
  size_t end = 0;    // Just after the ']'.
  bool self_closed = false;  // Written "[name /]".
};

// Reads an opening tag at s[pos] == '['. A tag is '[', a name (an ASCII
// letter, then letters, digits, '_' or '-'), then ']', '/', '=' or a space,
// and ends at the first ']'; it never holds a '['. Returns false when s[pos]
// does not open a tag. Either way *resume is where a scan for the next '['
// goes on (always after pos), which keeps scanning linear.
bool ParseShortcodeTag(std::string_view s, size_t pos, ShortcodeTag* tag, size_t* resume);

// A closing tag "[/name]" in a text.
struct ShortcodeClose {
  std::string name;  // Lower case.
  size_t begin = 0;
  size_t end = 0;
};

// Every closing tag in s, in order (one pass).
std::vector<ShortcodeClose> FindShortcodeCloses(std::string_view s);

// The value of the named attribute ("" when absent); name is lower case.
std::string ShortcodeAttr(const ShortcodeTag& tag, std::string_view name);
// The index-th value written without a name ("" when absent).
std::string ShortcodePositional(const ShortcodeTag& tag, size_t index);

}  // namespace qalam::wp
