# Sourced by the search scripts: keeps a sweep folder's rows in the repository.
# kept_rows FOLDER KEPT: a fresh FOLDER (no tables yet) starts from KEPT, the rows committed so far;
# when the script ends, however it ends, FOLDER's runs table goes back to KEPT (for a sweep of one
# seed a row its sweep.csv, which reads as a runs table of seed 0).
kept_rows() {
    kept_folder="$1"
    kept_file="$2"
    mkdir -p "$kept_folder"
    if [[ -f "$kept_file" && ! -f "$kept_folder/sweep-runs.csv" && ! -f "$kept_folder/sweep.csv" ]]; then
        cp "$kept_file" "$kept_folder/sweep-runs.csv"
    fi
    trap 'if [[ -f "$kept_folder/sweep-runs.csv" ]]; then cp "$kept_folder/sweep-runs.csv" "$kept_file";
          elif [[ -f "$kept_folder/sweep.csv" ]]; then cp "$kept_folder/sweep.csv" "$kept_file"; fi' EXIT
}
