#include "input/reader.h"

#include <fcntl.h>
#include <fnmatch.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <limits>
#include <system_error>

#include "base/text.h"
#include "input/markup.h"

namespace claimcheck {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kDefaultExtensions[] = {".txt", ".md", ".markdown",
                                                   ".html", ".htm"};

bool IsHidden(const fs::path& path) {
  const std::string name = path.filename().string();
  return !name.empty() && name[0] == '.';
}

bool Wanted(const fs::path& path, const InputOptions& options) {
  const std::string ext = AsciiLower(path.extension().string());
  for (std::string_view want : kDefaultExtensions) {
    if (ext == want) return true;
  }
  const std::string name = path.filename().string();
  for (const std::string& glob : options.include_globs) {
    if (fnmatch(glob.c_str(), name.c_str(), 0) == 0) return true;
  }
  return false;
}

std::string ErrnoMessage(int err) {
  switch (err) {
    case ENOENT:
    case ENOTDIR:
      return "no such file";
    case EACCES:
    case EPERM:
      return "permission denied";
    case EISDIR:
      return "is a directory";
    default:
      return AsciiLower(std::strerror(err));
  }
}

Status ErrnoStatus(const std::string& path, int err) {
  std::string message = path + ": " + ErrnoMessage(err);
  if (err == ENOENT || err == ENOTDIR) return Status::NotFound(message);
  return Status::IoError(message);
}

// Appends everything left in `fd` to `bytes`, doubling the buffer so that a
// stream of unknown length costs linear time. Stops early after a NUL byte:
// the input is binary whatever follows, and a device such as /dev/zero
// never ends.
Status ReadToEnd(int fd, const std::string& path, std::string& bytes) {
  // After a regular file's stated size there is almost always nothing:
  // ask with a small buffer before growing (and zeroing) a large one.
  char probe[512];
  ssize_t got;
  do {
    got = ::read(fd, probe, sizeof(probe));
  } while (got < 0 && errno == EINTR);
  if (got < 0) return ErrnoStatus(path, errno);
  if (got == 0) return Status::Ok();
  bytes.append(probe, static_cast<size_t>(got));
  if (std::memchr(probe, '\0', static_cast<size_t>(got)) != nullptr) return Status::Ok();
  size_t used = bytes.size();
  if (bytes.size() < 1 << 16) bytes.resize(1 << 16);
  while (true) {
    if (used == bytes.size()) bytes.resize(bytes.size() * 2);
    ssize_t n = ::read(fd, bytes.data() + used, bytes.size() - used);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      bytes.resize(used);
      return ErrnoStatus(path, err);
    }
    if (n == 0) break;
    const bool binary = std::memchr(bytes.data() + used, '\0',
                                    static_cast<size_t>(n)) != nullptr;
    used += static_cast<size_t>(n);
    if (binary) break;
  }
  bytes.resize(used);
  return Status::Ok();
}

Result<std::string> ReadBytes(const std::string& path) {
  std::string bytes;
  if (path == "-") {
    Status status = ReadToEnd(STDIN_FILENO, path, bytes);
    if (!status.ok()) return status;
    return bytes;
  }
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus(path, errno);
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    return ErrnoStatus(path, err);
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    return Status::IoError(path + ": is a directory");
  }
  // Regular files are read in one go at their stated size (a 100 MB line
  // costs one allocation); ReadToEnd then picks up anything appended since.
  size_t used = 0;
  if (S_ISREG(st.st_mode) && st.st_size > 0) {
    bytes.resize(static_cast<size_t>(st.st_size));
    while (used < bytes.size()) {
      ssize_t n = ::read(fd, bytes.data() + used, bytes.size() - used);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        int err = errno;
        ::close(fd);
        return ErrnoStatus(path, err);
      }
      if (n == 0) break;
      used += static_cast<size_t>(n);
    }
    bytes.resize(used);
  }
  if (!S_ISREG(st.st_mode) || used == static_cast<size_t>(st.st_size)) {
    Status status = ReadToEnd(fd, path, bytes);
    if (!status.ok()) {
      ::close(fd);
      return status;
    }
  }
  ::close(fd);
  return bytes;
}

constexpr std::string_view kBom = "\xEF\xBB\xBF";

}  // namespace

std::vector<std::string> ListInputs(const std::vector<std::string>& paths,
                                    const InputOptions& options) {
  std::vector<std::string> inputs;
  InputLister lister(paths, options);
  while (std::optional<std::string> input = lister.Next()) inputs.push_back(std::move(*input));
  return inputs;
}

InputLister::InputLister(std::vector<std::string> paths, InputOptions options)
    : paths_(std::move(paths)), options_(std::move(options)) {}

// Lists one folder without following folder symlinks, so a link back up the
// tree cannot loop. A folder that cannot be listed becomes an entry itself,
// so that reading it reports why, in its place.
void InputLister::Enter(const std::string& folder) {
  Level level;
  std::error_code ec;
  fs::directory_iterator it(folder, ec);
  bool failed = static_cast<bool>(ec);
  for (; !failed && it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) {
      failed = true;
      break;
    }
    const fs::directory_entry& entry = *it;
    if (IsHidden(entry.path())) continue;
    const std::string name = entry.path().filename().string();
    std::error_code type_ec;
    if (entry.is_symlink(type_ec)) {
      // A link to a file counts as that file; a link to a folder is not
      // followed (cycles).
      if (entry.is_regular_file(type_ec) && Wanted(entry.path(), options_)) {
        level.entries.push_back({name, entry.path().string(), false});
      }
    } else if (entry.is_directory(type_ec)) {
      level.entries.push_back({name + "/", entry.path().string(), true});
    } else if (entry.is_regular_file(type_ec) && Wanted(entry.path(), options_)) {
      level.entries.push_back({name, entry.path().string(), false});
    }
  }
  if (failed) level.entries.push_back({"", folder, false});
  // Byte order, so that the report order does not depend on the file
  // system or the locale.
  std::sort(level.entries.begin(), level.entries.end(),
            [](const Entry& a, const Entry& b) { return a.key < b.key; });
  stack_.push_back(std::move(level));
}

std::optional<std::string> InputLister::Next() {
  while (true) {
    if (stack_.empty()) {
      if (next_path_ == paths_.size()) return std::nullopt;
      const std::string& path = paths_[next_path_++];
      std::error_code ec;
      if (path == "-" || !fs::is_directory(path, ec)) return path;
      Enter(path);
      continue;
    }
    Level& level = stack_.back();
    if (level.next == level.entries.size()) {
      stack_.pop_back();
      continue;
    }
    Entry entry = std::move(level.entries[level.next++]);
    if (!entry.folder) return std::move(entry.path);
    Enter(entry.path);  // invalidates `level`
  }
}

Markup MarkupForPath(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  const size_t dot = path.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) {
    return Markup::kPlain;
  }
  const std::string ext = AsciiLower(std::string_view(path).substr(dot));
  if (ext == ".md" || ext == ".markdown") return Markup::kMarkdown;
  if (ext == ".html" || ext == ".htm") return Markup::kHtml;
  return Markup::kPlain;
}

Result<Document> ReadDocument(const std::string& path) {
  Result<std::string> bytes = ReadBytes(path);
  if (!bytes.ok()) return bytes.status();
  return MakeDocument(path, std::move(*bytes), MarkupForPath(path));
}

Result<Document> MakeDocument(std::string path, std::string bytes,
                              Markup markup) {
  if (bytes.empty()) return Status::ParseError(path + ": empty file");
  if (const void* nul = std::memchr(bytes.data(), '\0', bytes.size())) {
    const size_t at = static_cast<const char*>(nul) - bytes.data();
    return Status::ParseError(path + ": binary file (NUL byte at offset " +
                              std::to_string(at) + ")");
  }
  if (std::optional<size_t> bad = FindInvalidUtf8(bytes)) {
    return Status::ParseError(path + ": invalid UTF-8 at byte " +
                              std::to_string(*bad));
  }
  // source_offset holds 32-bit offsets; plain text needs none.
  if (markup != Markup::kPlain &&
      bytes.size() >= std::numeric_limits<uint32_t>::max()) {
    return Status::InvalidArgument(
        path + ": too large for markup (over 4 GiB); read it as plain text");
  }
  Document doc;
  doc.path = std::move(path);
  doc.source = std::move(bytes);
  const size_t skip =
      std::string_view(doc.source).starts_with(kBom) ? kBom.size() : 0;
  switch (markup) {
    case Markup::kPlain:
      doc.text = doc.source;
      // Blanking the byte-order mark keeps text and source the same length,
      // so the identity map (an empty source_offset) still holds.
      doc.text.replace(0, skip, skip, ' ');
      break;
    case Markup::kHtml:
      StripHtml(doc.source, skip, doc.text, doc.source_offset);
      break;
    case Markup::kMarkdown:
      StripMarkdown(doc.source, skip, doc.text, doc.source_offset);
      break;
  }
  return doc;
}

Span SourceSpan(const Document& doc, Span in_text) {
  if (doc.source_offset.empty()) return in_text;
  if (in_text.start >= in_text.end) {
    const size_t at = doc.source_offset[in_text.start];
    return {at, at};
  }
  const size_t start = doc.source_offset[in_text.start];
  const size_t last = doc.source_offset[in_text.end - 1];
  return {start, SourceUnitEnd(doc.source, last)};
}

}  // namespace claimcheck
