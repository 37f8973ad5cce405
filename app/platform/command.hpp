// app/platform/command.hpp: how each part of the command line plugs into `attune`.
// Each cli_*.cpp file registers its subcommand with a static CommandRegistration, so main() stays one
// small dispatcher and the parts (check, plan, render, history, the window) stay in their own files.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

namespace attune::platform {

// Adds a subcommand to `app`. The subcommand's callback stores the process exit code in `*exit_code`.
using CommandSetup = std::function<void(CLI::App& app, int* exit_code)>;

// Options of the default command (no subcommand): the window. Filled by the window's registration.
using DefaultSetup = std::function<void(CLI::App& app, int* exit_code)>;

struct CommandRegistration {
  CommandRegistration(std::string name, CommandSetup setup);
};
struct DefaultCommandRegistration {
  explicit DefaultCommandRegistration(DefaultSetup setup);
};

struct RegisteredCommand {
  std::string name;
  CommandSetup setup;
};
std::vector<RegisteredCommand>& RegisteredCommands();
DefaultSetup& RegisteredDefault();

// Exit codes, as the format page names them.
inline constexpr int kExitOk = 0;
inline constexpr int kExitInvalid = 1;
inline constexpr int kExitUsage = 2;

}  // namespace attune::platform
