#include "persist/atomic_file.h"

#include <cerrno>
#include <system_error>

#if defined(__unix__) || defined(__APPLE__)
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#endif

namespace presence::core {

#if defined(__unix__) || defined(__APPLE__)

namespace {

Status io_error(const std::string& what, int error) {
  return {Code::kIoError, what + ": " + std::generic_category().message(error)};
}

// Closes a descriptor on every path out of a function.
class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  // Closes now, reporting the error a deferred write may only show here.
  int close() {
    const int result = ::close(fd_);
    fd_ = -1;
    return result;
  }

 private:
  int fd_;
};

// Removes the temporary file unless the rename consumed it.
class TemporaryFile {
 public:
  explicit TemporaryFile(std::string path) : path_(std::move(path)) {}
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;
  ~TemporaryFile() {
    if (!renamed_) ::unlink(path_.c_str());
  }
  const std::string& path() const { return path_; }
  void renamed() { renamed_ = true; }

 private:
  std::string path_;
  bool renamed_ = false;
};

std::string directory_of(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

Status write_all(int fd, std::string_view bytes, const std::string& name) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return io_error("writing '" + name + "'", errno);
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
  return Status::ok();
}

}  // namespace

Status write_file_atomically(const std::string& path, std::string_view bytes) {
  // mkostemp creates the file exclusively, mode 0600, with a fresh name.
  std::string name = path + ".tmp-XXXXXX";
  Descriptor file(::mkostemp(name.data(), O_CLOEXEC));
  if (file.get() < 0) return io_error("creating a temporary file beside '" + path + "'", errno);
  TemporaryFile temporary(name);
  PE_RETURN_IF_ERROR(write_all(file.get(), bytes, temporary.path()));
  if (::fsync(file.get()) != 0) return io_error("flushing '" + temporary.path() + "'", errno);
  if (file.close() != 0) return io_error("closing '" + temporary.path() + "'", errno);
  if (::rename(temporary.path().c_str(), path.c_str()) != 0) {
    return io_error("renaming '" + temporary.path() + "' to '" + path + "'", errno);
  }
  temporary.renamed();
  const std::string directory = directory_of(path);
  Descriptor dir(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() < 0) return io_error("opening the directory '" + directory + "'", errno);
  if (::fsync(dir.get()) != 0) return io_error("flushing the directory '" + directory + "'", errno);
  return Status::ok();
}

Status read_whole_file(const std::string& path, std::string* out) {
  Descriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (file.get() < 0) {
    if (errno == ENOENT) return not_found("no file at '" + path + "'");
    return io_error("opening '" + path + "'", errno);
  }
  struct stat info {};
  if (::fstat(file.get(), &info) != 0) return io_error("reading '" + path + "'", errno);
  if (!S_ISREG(info.st_mode)) return {Code::kIoError, "'" + path + "' is not a regular file"};
  std::string bytes(static_cast<std::size_t>(info.st_size), '\0');
  std::size_t filled = 0;
  while (filled < bytes.size()) {
    const ssize_t got = ::read(file.get(), bytes.data() + filled, bytes.size() - filled);
    if (got < 0) {
      if (errno == EINTR) continue;
      return io_error("reading '" + path + "'", errno);
    }
    if (got == 0) break;  // the file shrank while being read
    filled += static_cast<std::size_t>(got);
  }
  bytes.resize(filled);
  *out = std::move(bytes);
  return Status::ok();
}

#else

Status write_file_atomically(const std::string& path, std::string_view /*bytes*/) {
  return {Code::kUnsupported, "snapshots to '" + path + "' need a POSIX file system"};
}

Status read_whole_file(const std::string& path, std::string* /*out*/) {
  return {Code::kUnsupported, "snapshots from '" + path + "' need a POSIX file system"};
}

#endif

}  // namespace presence::core
