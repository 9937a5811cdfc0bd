// megatoken: the headless workbench. Every subcommand lives in its own file; main() only wires
// them and turns exceptions into one clear message and a non-zero exit code.

#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>

#include "app/cli/ConfigCommand.h"
#include "app/cli/CorpusCommand.h"
#include "app/cli/HfCommand.h"
#include "app/cli/ScoreCommand.h"
#include "app/cli/SweepCommand.h"
#include "app/cli/TokenizerCommand.h"
#include "app/cli/TrainCommand.h"
#include "core/config/ConfigKeysHelp.h"
#include "core/feedback/Cancelled.h"
#include "core/platform/BlasKernels.h"

int main(int argc, char** argv)
{
    // Before anything else: it may re-execute this program (BlasKernels.h).
    if (const auto note = megatoken::restartWithFastBlasKernels(argv); !note.empty())
        std::fprintf(stderr, "megatoken: %s\n", note.c_str());
    CLI::App app{"megatoken: train, evaluate and inspect Megatoken models (learned token dropping) headless.\n"
                 "Every config key is listed by `megatoken config keys`; set any with `train --set key=value`."};
    app.require_subcommand(1);
    app.set_version_flag("--version", "megatoken 0.1.0");
    megatoken::cli::addCorpusCommand(app);
    megatoken::cli::addTokenizerCommand(app);
    megatoken::cli::addTrainCommand(app);
    megatoken::cli::addEvalCommand(app);
    megatoken::cli::addInspectCommand(app);
    megatoken::cli::addSweepCommand(app);
    megatoken::cli::addScoreCommand(app);
    megatoken::cli::addHfCommands(app);
    megatoken::cli::addConfigCommand(app);
    // After the subcommands, which would otherwise inherit it: the commands that take --set add
    // the key list to their own help (ConfigKeysHelp.h).
    app.footer("Config keys (tiny preset defaults):\n" + megatoken::configKeysHelp());
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    } catch (const megatoken::Cancelled&) {  // Ctrl-C (InterruptScope): stopped, nothing half-written
        std::fprintf(stderr, "megatoken: interrupted\n");
        return 130;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "megatoken: error: %s\n", e.what());
        return 1;
    }
    return 0;
}
