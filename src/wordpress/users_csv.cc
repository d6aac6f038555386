#include "wordpress/users_csv.h"

#include "core/text.h"

namespace qalam::wp {
namespace {

// The records of a CSV text, each a list of fields; Invalid with the line
// of an unterminated quote or a quote inside an unquoted field.
Status ParseCsv(const std::string& text, std::vector<std::vector<std::string>>* records,
                std::vector<int>* lines) {
  size_t i = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  int line = 1;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false, was_quoted = false;
  int record_line = 1;
  auto end_field = [&] {
    record.push_back(std::move(field));
    field.clear();
    was_quoted = false;
  };
  auto end_record = [&] {
    end_field();
    if (!(record.size() == 1 && record[0].empty())) {
      records->push_back(std::move(record));
      lines->push_back(record_line);
    }
    record.clear();
  };
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"') {
      if (!field.empty() || was_quoted) {
        return Status::Invalid(std::to_string(line) + ": a quote inside a field that does not start with one");
      }
      quoted = was_quoted = true;
    } else if (c == ',') {
      end_field();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_record();
      ++line;
      record_line = line;
    } else {
      if (was_quoted) return Status::Invalid(std::to_string(line) + ": text after a closing quote");
      field += c;
    }
  }
  if (quoted) return Status::Invalid(std::to_string(record_line) + ": a quote is never closed");
  end_record();
  return Status::Ok();
}

}  // namespace

Status ParseUsersCsv(const std::string& text, std::map<std::string, WpUser>* by_login) {
  if (!IsValidUtf8(text)) return Status::Invalid("1: not UTF-8 text");
  std::vector<std::vector<std::string>> records;
  std::vector<int> lines;
  if (Status st = ParseCsv(text, &records, &lines); !st.ok()) return st;
  if (records.empty()) return Status::Invalid("1: no header line");
  const std::vector<std::string>& header = records[0];
  auto column = [&](const char* name) -> int {
    for (size_t i = 0; i < header.size(); ++i) {
      if (AsciiLower(Trim(header[i])) == name) return static_cast<int>(i);
    }
    return -1;
  };
  const int login = column("user_login"), name = column("display_name"), email = column("user_email"),
            roles = column("roles"), description = column("description");
  if (login < 0) return Status::Invalid("1: no user_login column (header: wp user list --format=csv)");
  auto at = [](const std::vector<std::string>& r, int i) { return i >= 0 && i < static_cast<int>(r.size()) ? r[i] : std::string(); };
  for (size_t n = 1; n < records.size(); ++n) {
    const std::vector<std::string>& r = records[n];
    WpUser u;
    u.login = Trim(at(r, login));
    if (u.login.empty()) return Status::Invalid(std::to_string(lines[n]) + ": no user_login");
    u.display_name = ToNfc(Trim(at(r, name)));
    u.email = Trim(at(r, email));
    u.description = ToNfc(Trim(at(r, description)));
    const std::string list = at(r, roles);
    for (size_t start = 0; start <= list.size();) {
      size_t comma = list.find(',', start);
      if (comma == std::string::npos) comma = list.size();
      std::string role = AsciiLower(Trim(list.substr(start, comma - start)));
      if (!role.empty()) u.roles.push_back(std::move(role));
      start = comma + 1;
    }
    (*by_login)[u.login] = std::move(u);
  }
  return Status::Ok();
}

}  // namespace qalam::wp
