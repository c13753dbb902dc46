// Starts tests/support/smtp_sink.py (a real aiosmtpd server on 127.0.0.1) as a child
// process, and reads the messages it stored. Stop() and Start() again simulate an
// SMTP outage on the same port.
#pragma once

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace kairos::testing {

class SmtpSink {
 public:
  explicit SmtpSink(std::string dir, int port = 0, bool tempfail = false)
      : dir_(std::move(dir)), port_(port), tempfail_(tempfail) {
    std::filesystem::create_directories(dir_);
    start();
  }
  ~SmtpSink() { stop(); }
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  int port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  const std::string& dir() const { return dir_; }

  void start(bool tempfail) { tempfail_ = tempfail; start(); }
  void start() {
    if (pid_ > 0) return;
    int fds[2];
    if (pipe(fds) != 0) return;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
    posix_spawn_file_actions_addclose(&fa, fds[0]);
    const std::string script = std::string(KAIROS_SOURCE_DIR) + "/tests/support/smtp_sink.py";
    std::string port = std::to_string(port_);
    std::vector<std::string> args = {"/usr/bin/python3", script, "--port", port, "--dir", dir_};
    if (tempfail_) args.push_back("--tempfail");
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn(&pid_, argv[0], &fa, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    close(fds[1]);
    FILE* f = fdopen(fds[0], "r");
    char line[128] = {0};
    if (f && std::fgets(line, sizeof line, f)) std::sscanf(line, "READY %d", &port_);
    if (f) std::fclose(f);
  }
  void stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    int st = 0;
    waitpid(pid_, &st, 0);
    pid_ = -1;
  }

  // The stored messages, oldest first.
  std::vector<std::string> messages() const {
    std::vector<std::string> names;
    for (auto& e : std::filesystem::directory_iterator(dir_)) {
      if (e.path().extension() == ".eml") names.push_back(e.path().string());
    }
    std::sort(names.begin(), names.end());
    std::vector<std::string> out;
    for (auto& n : names) {
      std::ifstream in(n, std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      out.push_back(ss.str());
    }
    return out;
  }

  // Waits (bounded) until at least n messages are stored.
  bool wait_for(std::size_t n, std::chrono::milliseconds limit = std::chrono::seconds(10)) const {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) {
      if (messages().size() >= n) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return messages().size() >= n;
  }

 private:
  std::string dir_;
  int port_;
  bool tempfail_;
  pid_t pid_ = -1;
};

}  // namespace kairos::testing
