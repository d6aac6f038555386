#include "core/text.h"

#include <charconv>

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace qalam {

std::string Trim(std::string_view s) {
  const char* ws = " \t\r\n\f\v";
  size_t b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(ws);
  return std::string(s.substr(b, e - b + 1));
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string ToNfc(std::string_view s) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  if (U_FAILURE(err)) return std::string(s);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), s.size()));
  if (nfc->isNormalized(u, err) && U_SUCCESS(err)) return std::string(s);
  err = U_ZERO_ERROR;
  icu::UnicodeString n = nfc->normalize(u, err);
  if (U_FAILURE(err)) return std::string(s);
  std::string out;
  n.toUTF8String(out);
  return out;
}

bool IsValidUtf8(std::string_view s) {
  int32_t i = 0, len = static_cast<int32_t>(s.size());
  while (i < len) {
    UChar32 c;
    U8_NEXT(s.data(), i, len, c);
    if (c < 0) return false;
  }
  return true;
}

size_t CountCodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

std::string Excerpt(std::string_view s, size_t max_chars) {
  if (CountCodePoints(s) <= max_chars) return std::string(s);
  size_t n = 0, i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (n == max_chars) break;
      ++n;
    }
  }
  std::string cut(s.substr(0, i));
  size_t space = cut.find_last_of(' ');
  if (space != std::string::npos && space > cut.size() / 2) cut.resize(space);
  return cut + "…";
}

std::string HtmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

bool PercentDecode(std::string_view in, std::string* out) {
  out->clear();
  out->reserve(in.size());
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '%') {
      if (i + 2 >= in.size()) return false;
      int h = hex(in[i + 1]), l = hex(in[i + 2]);
      if (h < 0 || l < 0) return false;
      *out += static_cast<char>(h * 16 + l);
      i += 2;
    } else {
      *out += in[i];
    }
  }
  return IsValidUtf8(*out);
}

std::string PercentEncode(std::string_view in) {
  static const char* digits = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : in) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
        c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += digits[c >> 4];
      out += digits[c & 15];
    }
  }
  return out;
}

std::string OneLine(std::string_view s) {
  std::string out = ToNfc(s);
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  }
  return Trim(out);
}

namespace {

bool HasSpaceOrControl(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return true;
  }
  return false;
}

}  // namespace

bool IsWebAddress(std::string_view s) {
  if (HasSpaceOrControl(s)) return false;
  const std::string head = AsciiLower(s.substr(0, 8));
  const size_t host = head.rfind("https://", 0) == 0 ? 8 : head.rfind("http://", 0) == 0 ? 7 : 0;
  return host != 0 && s.size() > host && s[host] != '/' && s[host] != '\\';
}

bool IsSitePath(std::string_view s) {
  return !s.empty() && s[0] == '/' && !HasSpaceOrControl(s) && s.substr(0, 2) != "//" && s.substr(0, 2) != "/\\";
}

bool ParsePositive(std::string_view s, int64_t* out) {
  if (s.empty() || s.size() > 18) return false;
  int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v <= 0) return false;
  *out = v;
  return true;
}

std::string XmlChars(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
    if (len == 0 || i + len > s.size()) {
      ++i;  // Not UTF-8: dropped.
      continue;
    }
    uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1f) : len == 3 ? (c & 0x0f) : (c & 0x07);
    bool ok = true;
    for (size_t k = 1; k < len; ++k) {
      const unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xc0) != 0x80) {
        ok = false;
        break;
      }
      cp = (cp << 6) | (cc & 0x3f);
    }
    const uint32_t min = len == 1 ? 0 : len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000;
    if (!ok || cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      ++i;
      continue;
    }
    if (cp == 0x9 || cp == 0xa || cp == 0xd || (cp >= 0x20 && cp != 0xfffe && cp != 0xffff)) {
      out.append(s.substr(i, len));
    }
    i += len;
  }
  return out;
}

}  // namespace qalam
