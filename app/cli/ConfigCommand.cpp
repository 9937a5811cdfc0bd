// `megatoken config keys|show|presets`: the config documented from the key table itself.

#include <cstdio>
#include <iostream>

#include "app/cli/ConfigCommand.h"
#include "core/config/ConfigKeysHelp.h"
#include "core/config/ConfigOverride.h"
#include "core/config/ConfigValidation.h"
#include "core/config/Presets.h"
#include "core/config/RunConfigJson.h"

namespace megatoken::cli {

void addConfigCommand(CLI::App& app)
{
    auto* command = app.add_subcommand("config", "Configuration keys, presets and the resolved config of a run");
    command->require_subcommand(1);

    auto* keys = command->add_subcommand("keys", "Every config key: type, default (tiny preset), meaning");
    auto markdown = std::make_shared<bool>(false);
    keys->add_flag("--markdown", *markdown, "As a markdown table");
    keys->callback([markdown] { std::cout << (*markdown ? configKeysMarkdown() : configKeysHelp()); });

    auto* presets = command->add_subcommand("presets", "The preset names");
    presets->callback([] {
        for (const auto& name : presetNames()) std::printf("%s\n", name.c_str());
    });

    struct ShowArgs {
        std::string preset = "tiny";
        std::string config;
        std::vector<std::string> sets;
    };
    auto args = std::make_shared<ShowArgs>();
    auto* show = command->add_subcommand("show", "Print the resolved, validated config JSON");
    show->add_option("--preset", args->preset, "Preset to start from")->capture_default_str();
    show->add_option("--config", args->config, "A config JSON file")->check(CLI::ExistingFile);
    show->add_option("--set", args->sets, "key=value overrides");
    show->callback([args] {
        RunConfig config = args->config.empty() ? preset(args->preset) : loadConfigFile(args->config);
        applyOverrides(config, args->sets);
        validateOrThrow(config);
        std::cout << configJsonText(config);
    });
}

}  // namespace megatoken::cli
