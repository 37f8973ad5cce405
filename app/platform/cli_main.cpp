// app/platform/cli_main.cpp: the program. Builds the command line from each command's Add*Command (in
// the order --help lists them), parses it and returns the exit code of what ran.
#include <string>

#include "platform/command.hpp"

namespace attune::platform {

int Main(int argc, char** argv) {
  CLI::App app{"Attune: guided breathing and relaxation, for one person or two.", "attune"};
  app.set_version_flag("--version", std::string("attune ") + ATTUNE_VERSION);
  int exit_code = kExitOk;
  AddCheckCommand(app, &exit_code);
  AddHistoryCommand(app, &exit_code);
  AddPlanCommand(app, &exit_code);
  AddRenderCommand(app, &exit_code);
  AddWindowCommand(app, &exit_code);
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

}  // namespace attune::platform
