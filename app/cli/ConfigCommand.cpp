// `megatoken config keys|show|presets|diff`: the config documented from the key table itself, and
// the keys whose values differ between runs.

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <set>

#include "app/cli/ConfigCommand.h"
#include "core/config/ConfigDiff.h"
#include "core/config/ConfigKeysHelp.h"
#include "core/config/ConfigOverride.h"
#include "core/config/ConfigValidation.h"
#include "core/config/Presets.h"
#include "core/config/RunConfigJson.h"

namespace megatoken::cli {

namespace {

namespace fs = std::filesystem;

// A run directory's config.json, or a config file itself.
std::string configPathOf(const std::string& argument)
{
    return fs::is_directory(argument) ? (fs::path(argument) / "config.json").string() : argument;
}

// Column labels: each argument's last path component ("runs/a/" and "runs/a/config.json" give
// "a"), or the arguments as given where two labels would coincide.
std::vector<std::string> diffLabels(const std::vector<std::string>& arguments)
{
    std::vector<std::string> labels;
    for (const auto& argument : arguments) {
        fs::path path(argument);
        if (!path.has_filename()) path = path.parent_path();
        if (path.filename() == "config.json" && path.has_parent_path()) path = path.parent_path();
        labels.push_back(path.filename().string());
    }
    if (std::set<std::string>(labels.begin(), labels.end()).size() != labels.size()) return arguments;
    return labels;
}

}  // namespace

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
    show->footer("Config keys (tiny preset defaults):\n" + configKeysHelp());
    show->add_option("--set", args->sets, "key=value overrides");
    show->callback([args] {
        std::vector<std::string> notes;
        RunConfig config = args->config.empty() ? preset(args->preset) : loadConfigFile(args->config, &notes);
        for (const std::string& note : notes) std::cerr << "note: " << note << '\n';
        applyOverrides(config, args->sets);
        validateOrThrow(config);
        std::cout << configJsonText(config);
    });

    struct DiffArgs {
        std::vector<std::string> runs;
        bool all = false;
        bool json = false;
    };
    auto diffArgs = std::make_shared<DiffArgs>();
    auto* diff = command->add_subcommand(
        "diff", "The config keys whose values differ between runs (run directories or config JSON files)");
    diff->add_option("runs", diffArgs->runs, "Two or more run directories or config files")
        ->required()
        ->expected(2, -1);
    diff->add_flag("--all", diffArgs->all, "Every key, the equal ones too");
    diff->add_flag("--json", diffArgs->json, "As JSON: {labels, differences: [{key, values}]}");
    diff->callback([diffArgs] {
        std::vector<RunConfig> configs;
        for (const auto& run : diffArgs->runs) configs.push_back(loadConfigFile(configPathOf(run)));
        const auto labels = diffLabels(diffArgs->runs);
        const auto differences = diffConfigs(configs, diffArgs->all);
        if (diffArgs->json) {
            nlohmann::json rows = nlohmann::json::array();
            for (const auto& difference : differences)
                rows.push_back({{"key", difference.key}, {"values", difference.values}});
            std::cout << nlohmann::json{{"labels", labels}, {"differences", rows}}.dump(2) << "\n";
        } else {
            std::cout << configDiffText(labels, differences);
        }
    });
}

}  // namespace megatoken::cli
