// app/platform/main.cpp: the entry point. Parses the command line and hands over to the subcommand
// (check, plan, render, history) or, with none, to the window.
#include <algorithm>
#include <cstdio>

#include "platform/command.hpp"

namespace attune::platform {

std::vector<RegisteredCommand>& RegisteredCommands() {
  static std::vector<RegisteredCommand> commands;
  return commands;
}

DefaultSetup& RegisteredDefault() {
  static DefaultSetup setup;
  return setup;
}

CommandRegistration::CommandRegistration(std::string name, CommandSetup setup) {
  RegisteredCommands().push_back({std::move(name), std::move(setup)});
}

DefaultCommandRegistration::DefaultCommandRegistration(DefaultSetup setup) {
  RegisteredDefault() = std::move(setup);
}

}  // namespace attune::platform

int main(int argc, char** argv) {
  using namespace attune::platform;
  CLI::App app{"Attune: guided breathing and relaxation, for one person or two.", "attune"};
  app.set_version_flag("--version", std::string("attune ") + ATTUNE_VERSION);
  int exit_code = kExitOk;

  auto& commands = RegisteredCommands();
  std::sort(commands.begin(), commands.end(),
            [](const RegisteredCommand& x, const RegisteredCommand& y) { return x.name < y.name; });
  for (auto& command : commands) command.setup(app, &exit_code);
  if (RegisteredDefault()) RegisteredDefault()(app, &exit_code);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }
  return exit_code;
}
