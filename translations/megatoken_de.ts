<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>InspectorPanel</name>
    <message>
        <source>gate %1 (after block %2)</source>
        <translation>Gate %1 (nach Block %2)</translation>
    </message>
</context>
<context>
    <name>PlotFileExport</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>no file name given.</source>
        <translation>kein Dateiname angegeben.</translation>
    </message>
    <message>
        <source>the image size %1 × %2 is not positive.</source>
        <translation>die Bildgröße %1 × %2 ist nicht positiv.</translation>
    </message>
    <message>
        <source>the folder %1 does not exist.</source>
        <translation>der Ordner %1 existiert nicht.</translation>
    </message>
    <message>
        <source>%1 is a file, not a folder.</source>
        <translation>%1 ist eine Datei, kein Ordner.</translation>
    </message>
    <message>
        <source>the folder %1 is not writable.</source>
        <translation>der Ordner %1 ist nicht beschreibbar.</translation>
    </message>
    <message>
        <source>the existing file cannot be overwritten.</source>
        <translation>die vorhandene Datei kann nicht überschrieben werden.</translation>
    </message>
    <message>
        <source>the PNG encoder failed.</source>
        <translation>der PNG-Encoder ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>the PDF writer could not start.</source>
        <translation>der PDF-Writer konnte nicht starten.</translation>
    </message>
    <message>
        <source>the SVG writer could not start.</source>
        <translation>der SVG-Writer konnte nicht starten.</translation>
    </message>
    <message>
        <source>nothing was drawn.</source>
        <translation>es wurde nichts gezeichnet.</translation>
    </message>
    <message>
        <source>unknown image format &quot;%1&quot;; use .png, .pdf, .svg or .tex.</source>
        <translation>unbekanntes Bildformat &quot;%1&quot;; verwenden Sie .png, .pdf, .svg oder .tex.</translation>
    </message>
    <message>
        <source>a .tex figure is written from the plot&apos;s data, not painted.</source>
        <translation>eine .tex-Abbildung wird aus den Daten des Diagramms geschrieben, nicht gezeichnet.</translation>
    </message>
</context>
<context>
    <name>megatoken::AttentionHeatmap</name>
    <message>
        <source>key</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>query</source>
        <translation>Query</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>Gewicht</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>%1 → %2: %3</source>
        <translation>%1 → %2: %3</translation>
    </message>
</context>
<context>
    <name>megatoken::ConfigDiffDialog</name>
    <message>
        <source>Compare Run Configurations</source>
        <translation>Laufkonfigurationen vergleichen</translation>
    </message>
    <message>
        <source>Only keys that differ</source>
        <translation>Nur abweichende Schlüssel</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy the table as tab-separated text</source>
        <translation>Die Tabelle als tabulatorgetrennten Text kopieren</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message numerus="yes">
        <source>The %n runs have the same configuration.</source>
        <translation>
            <numerusform>Der %n Lauf hat dieselbe Konfiguration.</numerusform>
            <numerusform>Die %n Läufe haben dieselbe Konfiguration.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) differ between the runs.</source>
        <translation>
            <numerusform>%n Schlüssel unterscheidet sich zwischen den Läufen.</numerusform>
            <numerusform>%n Schlüssel unterscheiden sich zwischen den Läufen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Select two or more runs whose configuration can be read to compare them.</source>
        <translation>Wählen Sie zwei oder mehr Läufe mit lesbarer Konfiguration, um sie zu vergleichen.</translation>
    </message>
    <message>
        <source>Left out: %1</source>
        <translation>Ausgelassen: %1</translation>
    </message>
</context>
<context>
    <name>megatoken::ConfigForm</name>
    <message>
        <source>Load…</source>
        <translation>Laden…</translation>
    </message>
    <message>
        <source>Load the settings from a configuration file</source>
        <translation>Einstellungen aus einer Konfigurationsdatei laden</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Speichern…</translation>
    </message>
    <message>
        <source>Save these settings as a configuration file</source>
        <translation>Diese Einstellungen als Konfigurationsdatei speichern</translation>
    </message>
    <message>
        <source>Show advanced</source>
        <translation>Erweiterte anzeigen</translation>
    </message>
    <message>
        <source>Also show the settings that rarely need changing</source>
        <translation>Auch selten benötigte Einstellungen anzeigen</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>Voreinstellung</translation>
    </message>
    <message>
        <source>Choosing a preset replaces every setting with its values.</source>
        <translation>Beim Wählen einer Voreinstellung werden alle Einstellungen durch deren Werte ersetzt.</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Choose the corpus file and preview the texts it yields</source>
        <translation>Korpusdatei wählen und die daraus gelesenen Texte in der Vorschau ansehen</translation>
    </message>
    <message>
        <source>Range: %1</source>
        <translation>Bereich: %1</translation>
    </message>
    <message>
        <source>Choices: %1</source>
        <translation>Auswahl: %1</translation>
    </message>
    <message>
        <source>Default: %1</source>
        <translation>Standard: %1</translation>
    </message>
    <message>
        <source>Unknown preset</source>
        <translation>Unbekannte Voreinstellung</translation>
    </message>
    <message>
        <source>%1: not saved, because these fields do not hold a value yet:
%2</source>
        <translation>%1: nicht gespeichert, da diese Felder noch keinen Wert haben:
%2</translation>
    </message>
    <message>
        <source>Load configuration</source>
        <translation>Konfiguration laden</translation>
    </message>
    <message>
        <source>Configurations (*.json);;All files (*)</source>
        <translation>Konfigurationen (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Cannot load configuration</source>
        <translation>Konfiguration kann nicht geladen werden</translation>
    </message>
    <message>
        <source>Save configuration</source>
        <translation>Konfiguration speichern</translation>
    </message>
    <message>
        <source>Cannot save configuration</source>
        <translation>Konfiguration kann nicht gespeichert werden</translation>
    </message>
</context>
<context>
    <name>megatoken::ConfigKeys</name>
    <message>
        <source>Corpus and batches</source>
        <translation>Korpus und Batches</translation>
    </message>
    <message>
        <source>Tokenizer</source>
        <translation>Tokenizer</translation>
    </message>
    <message>
        <source>Model shape</source>
        <translation>Modellform</translation>
    </message>
    <message>
        <source>Token gates</source>
        <translation>Token-Gates</translation>
    </message>
    <message>
        <source>Compression loss</source>
        <translation>Kompressionsverlust</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>Optimierer</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
</context>
<context>
    <name>megatoken::CorpusPreviewDialog</name>
    <message>
        <source>Training corpus</source>
        <translation>Trainingskorpus</translation>
    </message>
    <message>
        <source>Empty: the built-in WordNet glosses</source>
        <translation>Leer: die eingebauten WordNet-Glossen</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>auto decides by the file&apos;s extension: .txt, .csv, .tsv, .jsonl or .json</source>
        <translation>auto entscheidet anhand der Dateiendung: .txt, .csv, .tsv, .jsonl oder .json</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>The CSV/TSV column holding the texts, from the file&apos;s header row</source>
        <translation>Die CSV/TSV-Spalte mit den Texten, aus der Kopfzeile der Datei</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <source>The JSON key holding the text; a dotted path such as review.text reaches into objects</source>
        <translation>Der JSON-Schlüssel mit dem Text; ein Pfad mit Punkten wie review.text greift in verschachtelte Objekte</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Lowercase</source>
        <translation>Kleinbuchstaben</translation>
    </message>
    <message>
        <source>(default: &quot;text&quot;, or the only column)</source>
        <translation>(Standard: „text“ oder die einzige Spalte)</translation>
    </message>
    <message>
        <source>Choose a corpus</source>
        <translation>Korpus wählen</translation>
    </message>
    <message>
        <source>Text corpora (*.txt *.csv *.tsv *.jsonl *.json);;All files (*)</source>
        <translation>Textkorpora (*.txt *.csv *.tsv *.jsonl *.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>No file chosen: the run uses the built-in default corpus, the glosses and example sentences of WordNet 3.0.</source>
        <translation>Keine Datei gewählt: Der Lauf verwendet das eingebaute Standardkorpus, die Glossen und Beispielsätze von WordNet 3.0.</translation>
    </message>
    <message>
        <source>A WordNet directory (holding data.noun, data.verb, data.adj and data.adv).</source>
        <translation>Ein WordNet-Verzeichnis (mit data.noun, data.verb, data.adj und data.adv).</translation>
    </message>
    <message>
        <source>Read as %1.</source>
        <translation>Wird als %1 gelesen.</translation>
    </message>
    <message>
        <source>No texts to preview.</source>
        <translation>Keine Texte für die Vorschau.</translation>
    </message>
    <message numerus="yes">
        <source>The first %n text(s) the run would read:</source>
        <translation>
            <numerusform>Der Lauf würde zuerst diesen %n Text lesen:</numerusform>
            <numerusform>Der Lauf würde zuerst diese %n Texte lesen:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>megatoken::CrossAttentionView</name>
    <message>
        <source>Output pieces of the free-running reconstruction (click one, Ctrl- or Shift-click several):</source>
        <translation>Ausgabestücke der frei laufenden Rekonstruktion (eines anklicken, mehrere mit Strg oder Umschalt):</translation>
    </message>
    <message>
        <source>Output piece %1</source>
        <translation>Ausgabestück %1</translation>
    </message>
    <message>
        <source>%1: dropped by a gate; the decoder cannot read it</source>
        <translation>%1: von einem Gate verworfen; der Decoder kann es nicht lesen</translation>
    </message>
    <message>
        <source>%1: %2 of the attention of output piece %3</source>
        <translation>%1: %2 der Aufmerksamkeit von Ausgabestück %3</translation>
    </message>
    <message numerus="yes">
        <source>%1: %2 of the attention, the mean of %n output pieces</source>
        <translation>
            <numerusform>%1: %2 der Aufmerksamkeit, Mittel von %n Ausgabestück</numerusform>
            <numerusform>%1: %2 der Aufmerksamkeit, Mittel von %n Ausgabestücken</numerusform>
        </translation>
    </message>
    <message>
        <source>No reconstruction yet.</source>
        <translation>Noch keine Rekonstruktion.</translation>
    </message>
    <message>
        <source>Select output pieces to see what the decoder read.</source>
        <translation>Ausgabestücke auswählen, um zu sehen, was der Decoder las.</translation>
    </message>
    <message numerus="yes">
        <source>What %1 read (the mean of %n output pieces); most: %2</source>
        <translation>
            <numerusform>Was %1 las (Mittel von %n Ausgabestück); am meisten: %2</numerusform>
            <numerusform>Was %1 las (Mittel von %n Ausgabestücken); am meisten: %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>megatoken::DashboardController</name>
    <message>
        <source>Token accuracy</source>
        <translation>Token-Genauigkeit</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>Compression per gate</source>
        <translation>Kompression pro Gate</translation>
    </message>
    <message>
        <source>ratio</source>
        <translation>Anteil</translation>
    </message>
    <message>
        <source>Overall keep ratio</source>
        <translation>Gesamte Behaltequote</translation>
    </message>
    <message>
        <source>kept fraction</source>
        <translation>behaltener Anteil</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Loss</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>Loss</translation>
    </message>
    <message>
        <source>Compression weight λ</source>
        <translation>Kompressionsgewicht λ</translation>
    </message>
    <message>
        <source>λ</source>
        <translation>λ</translation>
    </message>
    <message>
        <source>Free-running reconstruction</source>
        <translation>Freilaufende Rekonstruktion</translation>
    </message>
    <message>
        <source>score (0–100)</source>
        <translation>Wert (0–100)</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>lr</source>
        <translation>lr</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>Durchsatz</translation>
    </message>
    <message>
        <source>non-pad tokens/s</source>
        <translation>Nicht-Pad-Token/s</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n runs)</source>
        <translation>
            <numerusform>%1 (%n Lauf)</numerusform>
            <numerusform>%1 (%n Läufe)</numerusform>
        </translation>
    </message>
    <message>
        <source>Not on this axis: %1 (written before the workbench recorded it; the step and training-time axes show it).</source>
        <translation>Nicht auf dieser Achse: %1 (geschrieben, bevor die Workbench dies aufzeichnete; die Achsen Schritt und Trainingszeit zeigen es).</translation>
    </message>
    <message>
        <source>grouped by %1</source>
        <translation>gruppiert nach %1</translation>
    </message>
</context>
<context>
    <name>megatoken::HyperparameterModel</name>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>best acc. @ target</source>
        <translation>beste Gen. @ Ziel</translation>
    </message>
    <message>
        <source>The best hard-mask accuracy among the evaluations at or below the target keep ratio + %1</source>
        <translation>Die beste Genauigkeit mit harter Maske unter den Auswertungen bei oder unter der Ziel-Behaltquote + %1</translation>
    </message>
    <message>
        <source>%1 at the last evaluation</source>
        <translation>%1 bei der letzten Auswertung</translation>
    </message>
</context>
<context>
    <name>megatoken::HyperparameterPanel</name>
    <message>
        <source>Every key</source>
        <translation>Alle Schlüssel</translation>
    </message>
    <message>
        <source>Show every config key, not only those whose values differ between the runs</source>
        <translation>Alle Konfigurationsschlüssel zeigen, nicht nur die, deren Werte sich zwischen den Läufen unterscheiden</translation>
    </message>
    <message>
        <source>Filter runs (any column)…</source>
        <translation>Läufe filtern (beliebige Spalte)…</translation>
    </message>
    <message>
        <source>Axes</source>
        <translation>Achsen</translation>
    </message>
    <message>
        <source>The columns drawn as axes of the parallel-coordinates plot</source>
        <translation>Die Spalten, die als Achsen der Parallelkoordinaten gezeichnet werden</translation>
    </message>
    <message>
        <source>Scatter:</source>
        <translation>Streudiagramm:</translation>
    </message>
    <message>
        <source>against</source>
        <translation>gegen</translation>
    </message>
</context>
<context>
    <name>megatoken::InspectorPanel</name>
    <message>
        <source>Model:</source>
        <translation>Modell:</translation>
    </message>
    <message>
        <source>none yet: open a run in the Runs list, or start a training</source>
        <translation>noch keins: einen Lauf in der Liste „Läufe“ öffnen oder ein Training starten</translation>
    </message>
    <message>
        <source>Live Run</source>
        <translation>Live-Lauf</translation>
    </message>
    <message>
        <source>Inspect with a snapshot of the running training&apos;s weights, taken between two steps</source>
        <translation>Mit einem Snapshot der Gewichte des laufenden Trainings untersuchen, aufgenommen zwischen zwei Schritten</translation>
    </message>
    <message>
        <source>Open Run…</source>
        <translation>Lauf öffnen…</translation>
    </message>
    <message>
        <source>Inspect with the newest checkpoint of a run directory</source>
        <translation>Mit dem neuesten Checkpoint eines Laufverzeichnisses untersuchen</translation>
    </message>
    <message>
        <source>Run to inspect</source>
        <translation>Zu untersuchender Lauf</translation>
    </message>
    <message>
        <source>Type a sentence; Enter inspects it (typing inspects after a pause)</source>
        <translation>Einen Satz eingeben; Enter untersucht ihn (beim Tippen nach einer kurzen Pause)</translation>
    </message>
    <message>
        <source>Inspect</source>
        <translation>Untersuchen</translation>
    </message>
    <message>
        <source>Drop threshold:</source>
        <translation>Drop-Schwelle:</translation>
    </message>
    <message>
        <source>A piece is dropped where ln alpha ≤ this threshold; moving it re-inspects</source>
        <translation>Ein Token wird verworfen, wo ln alpha ≤ dieser Schwelle ist; Verschieben untersucht erneut</translation>
    </message>
    <message>
        <source>Export Grid…</source>
        <translation>Raster exportieren…</translation>
    </message>
    <message>
        <source>The grid as PNG, SVG or PDF</source>
        <translation>Das Raster als PNG, SVG oder PDF</translation>
    </message>
    <message>
        <source>Export Numbers…</source>
        <translation>Zahlen exportieren…</translation>
    </message>
    <message>
        <source>Per piece and gate: piece, alpha, G, P, dropped, as CSV or JSON</source>
        <translation>Pro Token und Gate: piece, alpha, G, P, dropped, als CSV oder JSON</translation>
    </message>
    <message>
        <source>Gates</source>
        <translation>Gates</translation>
    </message>
    <message>
        <source>Block:</source>
        <translation>Block:</translation>
    </message>
    <message>
        <source>Head:</source>
        <translation>Kopf:</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>Attention</translation>
    </message>
    <message>
        <source>Validation sentences:</source>
        <translation>Validierungssätze:</translation>
    </message>
    <message>
        <source>Sample and Inspect</source>
        <translation>Stichprobe untersuchen</translation>
    </message>
    <message>
        <source>Sentence</source>
        <translation>Satz</translation>
    </message>
    <message>
        <source>Kept pieces</source>
        <translation>Behaltene Token</translation>
    </message>
    <message>
        <source>Dropped pieces</source>
        <translation>Verworfene Token</translation>
    </message>
    <message>
        <source>Pieces</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Keep ratio</source>
        <translation>Behaltequote</translation>
    </message>
    <message>
        <source>Token accuracy</source>
        <translation>Token-Genauigkeit</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Stapel</translation>
    </message>
    <message>
        <source>loading %1…</source>
        <translation>%1 wird geladen…</translation>
    </message>
    <message>
        <source>no training is running: start one, or open a run</source>
        <translation>kein Training aktiv: eines starten oder einen Lauf öffnen</translation>
    </message>
    <message>
        <source>taking a snapshot of the live weights after the current step…</source>
        <translation>Snapshot der Live-Gewichte wird nach dem aktuellen Schritt aufgenommen…</translation>
    </message>
    <message>
        <source>ln α ≤ %1  (α ≤ %2 dropped)</source>
        <translation>ln α ≤ %1  (α ≤ %2 verworfen)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Teacher-forced:&lt;/b&gt; %1 &lt;i&gt;(%2 words differ; token accuracy %3)&lt;/i&gt;&lt;br&gt;&lt;b&gt;Free-running:&lt;/b&gt; %4 &lt;i&gt;(%5 words differ)&lt;/i&gt;</source>
        <translation>&lt;b&gt;Mit Teacher-Forcing:&lt;/b&gt; %1 &lt;i&gt;(abweichende Wörter: %2; Token-Genauigkeit %3)&lt;/i&gt;&lt;br&gt;&lt;b&gt;Freilaufend:&lt;/b&gt; %4 &lt;i&gt;(abweichende Wörter: %5)&lt;/i&gt;</translation>
    </message>
    <message>
        <source>%1 pieces, inspected in %2 ms with %3</source>
        <translation>%1 Token, untersucht in %2 ms mit %3</translation>
    </message>
    <message>
        <source>block %1</source>
        <translation>Block %1</translation>
    </message>
    <message>
        <source> (before gate %1)</source>
        <translation> (vor Gate %1)</translation>
    </message>
    <message>
        <source>mean of heads</source>
        <translation>Mittel der Köpfe</translation>
    </message>
    <message>
        <source>head %1</source>
        <translation>Kopf %1</translation>
    </message>
    <message>
        <source>Block %1 self-attention, %2 (gate masks applied)</source>
        <translation>Self-Attention von Block %1, %2 (Gate-Masken angewendet)</translation>
    </message>
    <message>
        <source>No model loaded yet.</source>
        <translation>Noch kein Modell geladen.</translation>
    </message>
    <message>
        <source>Export grid</source>
        <translation>Raster exportieren</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG image (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG-Bild (*.png);;SVG-Bild (*.svg);;PDF-Dokument (*.pdf)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Export numbers</source>
        <translation>Zahlen exportieren</translation>
    </message>
    <message>
        <source>CSV (*.csv);;JSON (*.json)</source>
        <translation>CSV (*.csv);;JSON (*.json)</translation>
    </message>
    <message>
        <source>Decoder block:</source>
        <translation>Decoder-Block:</translation>
    </message>
    <message>
        <source>Decoder</source>
        <translation>Decoder</translation>
    </message>
    <message>
        <source>mean of blocks</source>
        <translation>Mittel der Blöcke</translation>
    </message>
    <message>
        <source>Decoder cross-attention, %1, %2: output pieces (rows) reading the input (columns)</source>
        <translation>Cross-Attention des Decoders, %1, %2: Ausgabestücke (Zeilen) lesen die Eingabe (Spalten)</translation>
    </message>
    <message>
        <source>output piece</source>
        <translation>Ausgabestück</translation>
    </message>
    <message>
        <source>input piece</source>
        <translation>Eingabestück</translation>
    </message>
</context>
<context>
    <name>megatoken::InspectorWorker</name>
    <message>
        <source>The live model could not be copied: %1</source>
        <translation>Das Live-Modell konnte nicht kopiert werden: %1</translation>
    </message>
    <message>
        <source>No model loaded: open a run with a checkpoint, or start a training.</source>
        <translation>Kein Modell geladen: einen Lauf mit Checkpoint öffnen oder ein Training starten.</translation>
    </message>
</context>
<context>
    <name>megatoken::MainWindow</name>
    <message>
        <source>Megatoken Workbench</source>
        <translation>Megatoken Workbench</translation>
    </message>
    <message>
        <source>Ready: press Start (Ctrl+Return) to train the %1 preset</source>
        <translation>Bereit: „Starten“ (Ctrl+Return) beginnt das Training mit der Voreinstellung %1</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>Start a new run with the configuration on the left</source>
        <translation>Neuen Lauf mit der Konfiguration links starten</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pausieren</translation>
    </message>
    <message>
        <source>Pause the run between two steps, or resume it</source>
        <translation>Lauf zwischen zwei Schritten pausieren oder fortsetzen</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>S&amp;toppen</translation>
    </message>
    <message>
        <source>Stop after the current step and write a checkpoint</source>
        <translation>Nach dem aktuellen Schritt stoppen und einen Checkpoint schreiben</translation>
    </message>
    <message>
        <source>&amp;Resume from Checkpoint…</source>
        <translation>Ab &amp;Checkpoint fortsetzen…</translation>
    </message>
    <message>
        <source>Continue a stopped run from its newest checkpoint</source>
        <translation>Gestoppten Lauf ab seinem neuesten Checkpoint fortsetzen</translation>
    </message>
    <message>
        <source>&amp;Open Configuration…</source>
        <translation>Konfiguration ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Load a configuration from a JSON file</source>
        <translation>Konfiguration aus einer JSON-Datei laden</translation>
    </message>
    <message>
        <source>&amp;Save Configuration…</source>
        <translation>Konfiguration &amp;speichern…</translation>
    </message>
    <message>
        <source>Save the configuration as JSON</source>
        <translation>Konfiguration als JSON speichern</translation>
    </message>
    <message>
        <source>&amp;Export Plots…</source>
        <translation>Diagramme &amp;exportieren…</translation>
    </message>
    <message>
        <source>Export a plot or the whole dashboard as PNG, PDF or SVG</source>
        <translation>Ein Diagramm oder das ganze Dashboard als PNG, PDF oder SVG exportieren</translation>
    </message>
    <message>
        <source>Export Metrics &amp;CSV…</source>
        <translation>Metriken als &amp;CSV exportieren…</translation>
    </message>
    <message>
        <source>Export the metrics of the selected runs as one long-format CSV</source>
        <translation>Metriken der ausgewählten Läufe als eine CSV-Datei im Long-Format exportieren</translation>
    </message>
    <message>
        <source>&amp;Copy Plot</source>
        <translation>Diagramm &amp;kopieren</translation>
    </message>
    <message>
        <source>Copy the plot under the mouse to the clipboard</source>
        <translation>Das Diagramm unter dem Mauszeiger in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>&amp;Reset Views</source>
        <translation>Ansichten &amp;zurücksetzen</translation>
    </message>
    <message>
        <source>Rescale every plot to its data</source>
        <translation>Alle Diagramme an ihre Daten anpassen</translation>
    </message>
    <message>
        <source>Runs &amp;Folder…</source>
        <translation>Lauf&amp;ordner…</translation>
    </message>
    <message>
        <source>Choose the folder that holds the runs</source>
        <translation>Ordner wählen, der die Läufe enthält</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Quit the workbench</source>
        <translation>Workbench beenden</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation>Konfiguration</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <source>Runs folder: %1</source>
        <translation>Laufordner: %1</translation>
    </message>
    <message>
        <source>Messages of the running training appear here.</source>
        <translation>Hier erscheinen die Meldungen des laufenden Trainings.</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Training</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;About the Workbench</source>
        <translation>Ü&amp;ber die Workbench</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>step %v / %m</source>
        <translation>Schritt %v / %m</translation>
    </message>
    <message>
        <source>checkpoint at step %1: %2</source>
        <translation>Checkpoint bei Schritt %1: %2</translation>
    </message>
    <message>
        <source>Checkpoint written at step %1</source>
        <translation>Checkpoint bei Schritt %1 geschrieben</translation>
    </message>
    <message>
        <source>Res&amp;ume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <source>The last configuration could not be restored: %1</source>
        <translation>Die letzte Konfiguration konnte nicht wiederhergestellt werden: %1</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>The language changes the next time the workbench starts.</source>
        <translation>Die Sprache wird beim nächsten Start der Workbench geändert.</translation>
    </message>
    <message>
        <source>Invalid configuration</source>
        <translation>Ungültige Konfiguration</translation>
    </message>
    <message>
        <source>Fix these settings first:
%1</source>
        <translation>Bitte zuerst diese Einstellungen korrigieren:
%1</translation>
    </message>
    <message>
        <source>Cannot start</source>
        <translation>Start nicht möglich</translation>
    </message>
    <message>
        <source>preparing data and tokenizer…</source>
        <translation>Daten und Tokenizer werden vorbereitet…</translation>
    </message>
    <message>
        <source>--- new run (%1 preset) ---</source>
        <translation>--- neuer Lauf (Voreinstellung %1) ---</translation>
    </message>
    <message>
        <source>Starting: reading the corpus and preparing the tokenizer</source>
        <translation>Start: Korpus wird gelesen und Tokenizer vorbereitet</translation>
    </message>
    <message>
        <source>Resumed</source>
        <translation>Fortgesetzt</translation>
    </message>
    <message>
        <source>Paused after the current step</source>
        <translation>Nach dem aktuellen Schritt pausiert</translation>
    </message>
    <message>
        <source>Stopping after the current step; a checkpoint will be written…</source>
        <translation>Stoppe nach dem aktuellen Schritt; ein Checkpoint wird geschrieben…</translation>
    </message>
    <message>
        <source>Cannot resume</source>
        <translation>Fortsetzen nicht möglich</translation>
    </message>
    <message>
        <source>--- resuming %1 to step %2 ---</source>
        <translation>--- %1 wird bis Schritt %2 fortgesetzt ---</translation>
    </message>
    <message>
        <source>Run to resume</source>
        <translation>Fortzusetzender Lauf</translation>
    </message>
    <message>
        <source>Resume run</source>
        <translation>Lauf fortsetzen</translation>
    </message>
    <message>
        <source>Train %1 up to step:</source>
        <translation>%1 bis zu Schritt trainieren:</translation>
    </message>
    <message>
        <source>Device: %1</source>
        <translation>Gerät: %1</translation>
    </message>
    <message>
        <source>Training %1: %2 parameters, %3 gates, %4 training texts</source>
        <translation>Training von %1: %2 Parameter, %3 Gates, %4 Trainingstexte</translation>
    </message>
    <message>
        <source>%1 tok/s · kept %2 · ETA %3</source>
        <translation>%1 Token/s · behalten %2 · Restzeit %3</translation>
    </message>
    <message>
        <source>validation at step %1: hard-mask accuracy %2 at %3 kept, soft %4, free-running BLEU %5 (%6 s)</source>
        <translation>Validierung bei Schritt %1: Genauigkeit mit harter Maske %2 bei %3 behalten, weich %4, freilaufend BLEU %5 (%6 s)</translation>
    </message>
    <message>
        <source>finished (%1): %2</source>
        <translation>beendet (%1): %2</translation>
    </message>
    <message>
        <source>Training failed</source>
        <translation>Training fehlgeschlagen</translation>
    </message>
    <message>
        <source>Training diverged</source>
        <translation>Training divergiert</translation>
    </message>
    <message>
        <source>Some runs could not be opened</source>
        <translation>Einige Läufe konnten nicht geöffnet werden</translation>
    </message>
    <message numerus="yes">
        <source>Showing %n run(s)</source>
        <translation>
            <numerusform>%n Lauf wird angezeigt</numerusform>
            <numerusform>%n Läufe werden angezeigt</numerusform>
        </translation>
    </message>
    <message>
        <source>Open configuration</source>
        <translation>Konfiguration öffnen</translation>
    </message>
    <message>
        <source>Configurations (*.json);;All files (*)</source>
        <translation>Konfigurationen (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Cannot open the configuration</source>
        <translation>Die Konfiguration kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Loaded %1</source>
        <translation>%1 geladen</translation>
    </message>
    <message>
        <source>Save configuration</source>
        <translation>Konfiguration speichern</translation>
    </message>
    <message>
        <source>Configurations (*.json)</source>
        <translation>Konfigurationen (*.json)</translation>
    </message>
    <message>
        <source>Cannot save the configuration</source>
        <translation>Die Konfiguration kann nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>No plot called %1</source>
        <translation>Kein Diagramm namens %1</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>%1 exportiert</translation>
    </message>
    <message>
        <source>Nothing to export</source>
        <translation>Nichts zu exportieren</translation>
    </message>
    <message>
        <source>Select one or more runs in the Runs list first.</source>
        <translation>Zuerst einen oder mehrere Läufe in der Liste „Läufe“ auswählen.</translation>
    </message>
    <message>
        <source>Export metrics</source>
        <translation>Metriken exportieren</translation>
    </message>
    <message numerus="yes">
        <source>Exported the metrics of %n run(s) to %1</source>
        <translation>
            <numerusform>Metriken von %n Lauf nach %1 exportiert</numerusform>
            <numerusform>Metriken von %n Läufen nach %1 exportiert</numerusform>
        </translation>
    </message>
    <message>
        <source>Plot copied to the clipboard</source>
        <translation>Diagramm in die Zwischenablage kopiert</translation>
    </message>
    <message>
        <source>Copy to Clipboard</source>
        <translation>In die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <source>Reset View</source>
        <translation>Ansicht zurücksetzen</translation>
    </message>
    <message>
        <source>Runs folder</source>
        <translation>Laufordner</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>In a plot: drag to pan, wheel to zoom, click a legend entry to hide its series.</source>
        <translation>Im Diagramm: Ziehen verschiebt, das Mausrad zoomt, ein Klick auf einen Legendeneintrag blendet dessen Reihe aus.</translation>
    </message>
    <message>
        <source>About the Megatoken Workbench</source>
        <translation>Über die Megatoken Workbench</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Megatoken Workbench&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;Train and study learnable token dropping in transformer attention: live training curves, per-gate compression, run comparison and export.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Megatoken Workbench&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;Lernbares Token-Dropping in der Transformer-Attention trainieren und untersuchen: Trainingskurven in Echtzeit, Kompression pro Gate, Vergleich von Läufen und Export.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>A run is in progress</source>
        <translation>Ein Lauf ist im Gange</translation>
    </message>
    <message>
        <source>Stop the run and quit? It stops after the current step and writes a checkpoint; the metrics so far are kept, and the run can be resumed later.</source>
        <translation>Lauf stoppen und beenden? Er stoppt nach dem aktuellen Schritt und schreibt einen Checkpoint; die bisherigen Metriken bleiben erhalten, und der Lauf kann später fortgesetzt werden.</translation>
    </message>
    <message>
        <source>Stopping the run before quitting…</source>
        <translation>Lauf wird vor dem Beenden gestoppt…</translation>
    </message>
    <message>
        <source>no run</source>
        <translation>kein Lauf</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>Inspektor</translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation>&amp;Dashboard</translation>
    </message>
    <message>
        <source>&amp;Inspector</source>
        <translation>&amp;Inspektor</translation>
    </message>
    <message>
        <source>Sweep</source>
        <translation>Sweep</translation>
    </message>
    <message>
        <source>Sweep: %1</source>
        <translation>Sweep: %1</translation>
    </message>
    <message>
        <source>Open S&amp;weep…</source>
        <translation>S&amp;weep öffnen…</translation>
    </message>
    <message>
        <source>Show the results of `megatoken sweep`: quality against kept tokens for every method</source>
        <translation>Ergebnisse von `megatoken sweep` zeigen: Qualität gegen behaltene Token für jede Methode</translation>
    </message>
    <message>
        <source>S&amp;weep</source>
        <translation>S&amp;weep</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Wird angehalten…</translation>
    </message>
    <message>
        <source>preparing…</source>
        <translation>Vorbereitung…</translation>
    </message>
    <message>
        <source>%1: %p%</source>
        <translation>%1: %p%</translation>
    </message>
    <message>
        <source>&amp;Import Hugging Face Model…</source>
        <translation>Hugging-Face-Modell &amp;importieren…</translation>
    </message>
    <message>
        <source>Make a run from a Hugging Face T5 or Flan-T5 folder (config.json, model.safetensors, spiece.model) and inspect it</source>
        <translation>Einen Lauf aus einem Hugging-Face-Ordner mit T5 oder Flan-T5 anlegen (config.json, model.safetensors, spiece.model) und ihn untersuchen</translation>
    </message>
    <message>
        <source>Import a Hugging Face T5 folder (config.json, model.safetensors, spiece.model)</source>
        <translation>Hugging-Face-Ordner mit T5 importieren (config.json, model.safetensors, spiece.model)</translation>
    </message>
    <message>
        <source>An import is already running</source>
        <translation>Ein Import läuft bereits</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>%1 wird importiert…</translation>
    </message>
    <message>
        <source>importing the Hugging Face folder %1 into %2</source>
        <translation>der Hugging-Face-Ordner %1 wird nach %2 importiert</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>Import fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cannot import the Hugging Face model</source>
        <translation>Das Hugging-Face-Modell kann nicht importiert werden</translation>
    </message>
    <message>
        <source>Imported %1</source>
        <translation>%1 importiert</translation>
    </message>
    <message>
        <source>Hyperparameters</source>
        <translation>Hyperparameter</translation>
    </message>
    <message>
        <source>&amp;Hyperparameters</source>
        <translation>&amp;Hyperparameter</translation>
    </message>
    <message numerus="yes">
        <source>in %n group(s)</source>
        <translation>
            <numerusform>in %n Gruppe</numerusform>
            <numerusform>in %n Gruppen</numerusform>
        </translation>
    </message>
    <message>
        <source>Long CSV, one value per run (*.csv)</source>
        <translation>Lange CSV, ein Wert je Lauf (*.csv)</translation>
    </message>
    <message>
        <source>Long CSV, group statistics (*.csv)</source>
        <translation>Lange CSV, Gruppenstatistik (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>Exported the group statistics of %n run(s) to %1</source>
        <translation>
            <numerusform>Gruppenstatistik von %n Lauf nach %1 exportiert</numerusform>
            <numerusform>Gruppenstatistik von %n Läufen nach %1 exportiert</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: trained on %2</source>
        <translation>%1: trainiert auf %2</translation>
    </message>
    <message numerus="yes">
        <source>Device: CUDA if available, else CPU (%n core(s))</source>
        <translation>
            <numerusform>Gerät: CUDA falls verfügbar, sonst CPU (%n Kern)</numerusform>
            <numerusform>Gerät: CUDA falls verfügbar, sonst CPU (%n Kerne)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>megatoken::MetricPlot</name>
    <message>
        <source>step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Click an entry to show or hide its series</source>
        <translation>Auf einen Eintrag klicken, um seine Reihe ein- oder auszublenden</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>Schritt %1</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>(raw %1)</source>
        <translation>(roh %1)</translation>
    </message>
    <message>
        <source>at %1</source>
        <translation>bei %1</translation>
    </message>
    <message>
        <source>band %1 to %2</source>
        <translation>Band %1 bis %2</translation>
    </message>
    <message>
        <source>training time (s)</source>
        <translation>Trainingszeit (s)</translation>
    </message>
    <message>
        <source>training tokens seen</source>
        <translation>gesehene Trainings-Token</translation>
    </message>
    <message>
        <source>estimated training FLOPs</source>
        <translation>geschätzte Trainings-FLOPs</translation>
    </message>
    <message>
        <source>clock time</source>
        <translation>Uhrzeit</translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation>%1 Token</translation>
    </message>
    <message>
        <source>%1 FLOPs</source>
        <translation>%1 FLOPs</translation>
    </message>
    <message>
        <source> (Unix seconds)</source>
        <translation> (Unix-Sekunden)</translation>
    </message>
</context>
<context>
    <name>megatoken::MetricSchema</name>
    <message>
        <source>training step</source>
        <translation>Trainingsschritt</translation>
    </message>
    <message>
        <source>step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>Epoche</translation>
    </message>
    <message>
        <source>target keep ratio</source>
        <translation>Ziel-Behaltequote</translation>
    </message>
    <message>
        <source>target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>evaluated texts</source>
        <translation>ausgewertete Texte</translation>
    </message>
    <message>
        <source>texts</source>
        <translation>Texte</translation>
    </message>
    <message>
        <source>total training loss</source>
        <translation>gesamter Trainings-Loss</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>Loss</translation>
    </message>
    <message>
        <source>total</source>
        <translation>gesamt</translation>
    </message>
    <message>
        <source>training cross-entropy</source>
        <translation>Trainings-Kreuzentropie</translation>
    </message>
    <message>
        <source>ce</source>
        <translation>ce</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>Kreuzentropie</translation>
    </message>
    <message>
        <source>compression loss</source>
        <translation>Kompressions-Loss</translation>
    </message>
    <message>
        <source>compr.</source>
        <translation>Kompr.</translation>
    </message>
    <message>
        <source>compression mean R²</source>
        <translation>Kompression, mittleres R²</translation>
    </message>
    <message>
        <source>compression weight λ</source>
        <translation>Kompressionsgewicht λ</translation>
    </message>
    <message>
        <source>λ</source>
        <translation>λ</translation>
    </message>
    <message>
        <source>training token accuracy</source>
        <translation>Token-Genauigkeit im Training</translation>
    </message>
    <message>
        <source>acc</source>
        <translation>Gen.</translation>
    </message>
    <message>
        <source>train (training mask)</source>
        <translation>Training (Trainingsmaske)</translation>
    </message>
    <message>
        <source>teacher-forced token accuracy, hard mask</source>
        <translation>Token-Genauigkeit mit Teacher-Forcing, harte Maske</translation>
    </message>
    <message>
        <source>acc. hard</source>
        <translation>Gen. hart</translation>
    </message>
    <message>
        <source>val. hard mask</source>
        <translation>Val. harte Maske</translation>
    </message>
    <message>
        <source>teacher-forced token accuracy, soft mask</source>
        <translation>Token-Genauigkeit mit Teacher-Forcing, weiche Maske</translation>
    </message>
    <message>
        <source>acc. soft</source>
        <translation>Gen. weich</translation>
    </message>
    <message>
        <source>val. soft mask</source>
        <translation>Val. weiche Maske</translation>
    </message>
    <message>
        <source>free-running token accuracy</source>
        <translation>Token-Genauigkeit, freilaufend</translation>
    </message>
    <message>
        <source>acc. free</source>
        <translation>Gen. frei</translation>
    </message>
    <message>
        <source>val. free-running</source>
        <translation>Val. freilaufend</translation>
    </message>
    <message>
        <source>free-running BLEU</source>
        <translation>BLEU, freilaufend</translation>
    </message>
    <message>
        <source>BLEU</source>
        <translation>BLEU</translation>
    </message>
    <message>
        <source>free-running ROUGE-L F1</source>
        <translation>ROUGE-L F1, freilaufend</translation>
    </message>
    <message>
        <source>ROUGE-L</source>
        <translation>ROUGE-L</translation>
    </message>
    <message>
        <source>ROUGE-L ×100</source>
        <translation>ROUGE-L ×100</translation>
    </message>
    <message>
        <source>free-running exact match</source>
        <translation>exakte Übereinstimmung, freilaufend</translation>
    </message>
    <message>
        <source>exact</source>
        <translation>exakt</translation>
    </message>
    <message>
        <source>exact match %</source>
        <translation>exakte Übereinstimmung %</translation>
    </message>
    <message>
        <source>teacher-forced BLEU</source>
        <translation>BLEU mit Teacher-Forcing</translation>
    </message>
    <message>
        <source>BLEU tf</source>
        <translation>BLEU tf</translation>
    </message>
    <message>
        <source>teacher-forced ROUGE-L F1</source>
        <translation>ROUGE-L F1 mit Teacher-Forcing</translation>
    </message>
    <message>
        <source>ROUGE-L tf</source>
        <translation>ROUGE-L tf</translation>
    </message>
    <message>
        <source>teacher-forced exact match</source>
        <translation>exakte Übereinstimmung mit Teacher-Forcing</translation>
    </message>
    <message>
        <source>exact tf</source>
        <translation>exakt tf</translation>
    </message>
    <message>
        <source>kept fraction of tokens</source>
        <translation>behaltener Anteil der Token</translation>
    </message>
    <message>
        <source>kept</source>
        <translation>behalten</translation>
    </message>
    <message>
        <source>train, hard</source>
        <translation>Training, hart</translation>
    </message>
    <message>
        <source>val., hard</source>
        <translation>Val., hart</translation>
    </message>
    <message>
        <source>soft keep ratio L(S)/L(0)</source>
        <translation>weiche Behaltequote L(S)/L(0)</translation>
    </message>
    <message>
        <source>soft kept</source>
        <translation>weich behalten</translation>
    </message>
    <message>
        <source>train, soft L(S)/L(0)</source>
        <translation>Training, weich L(S)/L(0)</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>lr</source>
        <translation>lr</translation>
    </message>
    <message>
        <source>training throughput</source>
        <translation>Trainingsdurchsatz</translation>
    </message>
    <message>
        <source>throughput</source>
        <translation>Durchsatz</translation>
    </message>
    <message>
        <source>tokens/s</source>
        <translation>Token/s</translation>
    </message>
    <message>
        <source>inference throughput, masked</source>
        <translation>Inferenzdurchsatz, maskiert</translation>
    </message>
    <message>
        <source>tok/s masked</source>
        <translation>Token/s maskiert</translation>
    </message>
    <message>
        <source>inference throughput, hard removal</source>
        <translation>Inferenzdurchsatz, Token entfernt</translation>
    </message>
    <message>
        <source>tok/s hard</source>
        <translation>Token/s entfernt</translation>
    </message>
    <message>
        <source>speed-up of hard removal</source>
        <translation>Beschleunigung durch Entfernen</translation>
    </message>
    <message>
        <source>speed-up</source>
        <translation>Beschleunigung</translation>
    </message>
    <message>
        <source>wall time</source>
        <translation>Laufzeit</translation>
    </message>
    <message>
        <source>wall</source>
        <translation>Laufzeit</translation>
    </message>
    <message>
        <source>evaluation time</source>
        <translation>Auswertungsdauer</translation>
    </message>
    <message>
        <source>took</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>soft ratio R(s) at gate %1</source>
        <translation>weiches Verhältnis R(s) an Gate %1</translation>
    </message>
    <message>
        <source>R%1</source>
        <translation>R%1</translation>
    </message>
    <message>
        <source>R(s) gate %1 (soft)</source>
        <translation>R(s) Gate %1 (weich)</translation>
    </message>
    <message>
        <source>kept fraction after gate %1</source>
        <translation>behaltener Anteil nach Gate %1</translation>
    </message>
    <message>
        <source>kept%1</source>
        <translation>behalten%1</translation>
    </message>
    <message>
        <source>kept after gate %1 (hard)</source>
        <translation>behalten nach Gate %1 (hart)</translation>
    </message>
    <message>
        <source>teacher-forced NLL, hard mask</source>
        <translation>NLL mit Teacher-Forcing, harte Maske</translation>
    </message>
    <message>
        <source>nll</source>
        <translation>NLL</translation>
    </message>
    <message>
        <source>training tokens seen</source>
        <translation>gesehene Trainings-Token</translation>
    </message>
    <message>
        <source>tokens</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>estimated training FLOPs</source>
        <translation>geschätzte Trainings-FLOPs</translation>
    </message>
    <message>
        <source>FLOPs</source>
        <translation>FLOPs</translation>
    </message>
    <message>
        <source>clock time</source>
        <translation>Uhrzeit</translation>
    </message>
    <message>
        <source>time</source>
        <translation>Zeit</translation>
    </message>
</context>
<context>
    <name>megatoken::ParetoPlot</name>
    <message>
        <source>Pareto front</source>
        <translation>Pareto-Front</translation>
    </message>
    <message>
        <source>No results yet</source>
        <translation>Noch keine Ergebnisse</translation>
    </message>
    <message>
        <source>better</source>
        <translation>besser</translation>
    </message>
    <message>
        <source>run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>%1 (0–1)</source>
        <translation>%1 (0–1)</translation>
    </message>
    <message>
        <source>%1 (0–100)</source>
        <translation>%1 (0–100)</translation>
    </message>
    <message>
        <source>seeds</source>
        <translation>Seeds</translation>
    </message>
    <message>
        <source>Pareto plot</source>
        <translation>Pareto-Diagramm</translation>
    </message>
</context>
<context>
    <name>megatoken::PlotDashboard</name>
    <message>
        <source>Log y</source>
        <translation>Log. y</translation>
    </message>
    <message>
        <source>Smoothing</source>
        <translation>Glättung</translation>
    </message>
    <message>
        <source>Exponential moving average weight of the bold curves; 0 shows raw values</source>
        <translation>Gewicht des exponentiellen gleitenden Mittels für die fetten Kurven; 0 zeigt die Rohwerte</translation>
    </message>
    <message>
        <source>X axis</source>
        <translation>X-Achse</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Logarithmic y axis on every plot</source>
        <translation>Logarithmische y-Achse in allen Diagrammen</translation>
    </message>
    <message>
        <source>Reset view</source>
        <translation>Ansicht zurücksetzen</translation>
    </message>
    <message>
        <source>Fit every plot to its data again (double-clicking a plot does the same)</source>
        <translation>Alle Diagramme wieder an ihre Daten anpassen (ein Doppelklick auf ein Diagramm bewirkt dasselbe)</translation>
    </message>
    <message>
        <source>Training metrics</source>
        <translation>Trainingsmetriken</translation>
    </message>
    <message>
        <source>Relative time</source>
        <translation>Relative Zeit</translation>
    </message>
    <message>
        <source>The run&apos;s training time, resumed parts added up</source>
        <translation>Die Trainingszeit des Laufs, fortgesetzte Teile zusammengezählt</translation>
    </message>
    <message>
        <source>Tokens seen</source>
        <translation>Gesehene Token</translation>
    </message>
    <message>
        <source>Non-pad tokens of the training batches so far</source>
        <translation>Nicht-Pad-Token der bisherigen Trainingsbatches</translation>
    </message>
    <message>
        <source>Training FLOPs</source>
        <translation>Trainings-FLOPs</translation>
    </message>
    <message>
        <source>Estimated: 3 × the forward FLOPs of each training batch&apos;s padded shape</source>
        <translation>Geschätzt: 3 × die Vorwärts-FLOPs der gepaddeten Form jedes Trainingsbatches</translation>
    </message>
    <message>
        <source>Clock time</source>
        <translation>Uhrzeit</translation>
    </message>
</context>
<context>
    <name>megatoken::PlotExportDialog</name>
    <message>
        <source>Export plots</source>
        <translation>Diagramme exportieren</translation>
    </message>
    <message>
        <source>Whole dashboard</source>
        <translation>Gesamtes Dashboard</translation>
    </message>
    <message>
        <source>PNG image</source>
        <translation>PNG-Bild</translation>
    </message>
    <message>
        <source>PDF document (vector)</source>
        <translation>PDF-Dokument (Vektor)</translation>
    </message>
    <message>
        <source>SVG drawing (vector)</source>
        <translation>SVG-Zeichnung (Vektor)</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Benutzerdefiniert</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>×</source>
        <translation>×</translation>
    </message>
    <message>
        <source>Choose where to save</source>
        <translation>Speicherort wählen</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG-Bild (*.png)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF-Dokument (*.pdf)</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG-Zeichnung (*.svg)</translation>
    </message>
    <message>
        <source>For print:</source>
        <translation>Für den Druck:</translation>
    </message>
    <message>
        <source>Colour-blind-safe palette (Okabe–Ito)</source>
        <translation>Farbenblind-sichere Palette (Okabe–Ito)</translation>
    </message>
    <message>
        <source>LaTeX pgfplots (.tex, data inside)</source>
        <translation>LaTeX pgfplots (.tex, mit Daten)</translation>
    </message>
    <message>
        <source>Size the PDF or SVG in centimetres with text of a size in points, as it will be printed; a .tex figure is always sized this way</source>
        <translation>PDF oder SVG in Zentimetern bemessen, mit Text in Punkt, wie gedruckt; eine .tex-Abbildung immer so</translation>
    </message>
    <message>
        <source> cm wide</source>
        <translation> cm breit</translation>
    </message>
    <message>
        <source>height in proportion</source>
        <translation>Höhe proportional</translation>
    </message>
    <message>
        <source> cm high</source>
        <translation> cm hoch</translation>
    </message>
    <message>
        <source> pt text</source>
        <translation> pt Text</translation>
    </message>
    <message>
        <source>Eight colours told apart with every common colour-vision deficiency (Okabe &amp; Ito 2008)</source>
        <translation>Acht Farben, bei jeder häufigen Farbsehschwäche unterscheidbar (Okabe &amp; Ito 2008)</translation>
    </message>
    <message>
        <source>Colours</source>
        <translation>Farben</translation>
    </message>
    <message>
        <source>LaTeX pgfplots (*.tex)</source>
        <translation>LaTeX pgfplots (*.tex)</translation>
    </message>
</context>
<context>
    <name>megatoken::RunGroupingControls</name>
    <message>
        <source>Groups</source>
        <translation>Gruppen</translation>
    </message>
    <message>
        <source>Runs opened together whose settings differ only in this key draw as one curve: their mean, with a band showing their spread</source>
        <translation>Gemeinsam geöffnete Läufe, deren Einstellungen sich nur in diesem Schlüssel unterscheiden, werden als eine Kurve gezeichnet: ihr Mittelwert mit einem Band, das ihre Streuung zeigt</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source>Seeds</source>
        <translation>Seeds</translation>
    </message>
    <message>
        <source>Other key…</source>
        <translation>Anderer Schlüssel…</translation>
    </message>
    <message>
        <source>Band</source>
        <translation>Band</translation>
    </message>
    <message>
        <source>The spread drawn around a group&apos;s mean at each step</source>
        <translation>Die Streuung, die bei jedem Schritt um den Mittelwert einer Gruppe gezeichnet wird</translation>
    </message>
    <message>
        <source>Min–max</source>
        <translation>Min–Max</translation>
    </message>
    <message>
        <source>±1 SD</source>
        <translation>±1 SD</translation>
    </message>
    <message>
        <source>Group runs by a key</source>
        <translation>Läufe nach einem Schlüssel gruppieren</translation>
    </message>
    <message>
        <source>Runs whose settings differ only in this key draw as one curve:</source>
        <translation>Läufe, deren Einstellungen sich nur in diesem Schlüssel unterscheiden, werden als eine Kurve gezeichnet:</translation>
    </message>
    <message>
        <source>From the lowest to the highest member at each step</source>
        <translation>Vom niedrigsten bis zum höchsten Mitglied bei jedem Schritt</translation>
    </message>
    <message>
        <source>The mean plus and minus one sample standard deviation</source>
        <translation>Der Mittelwert plus und minus eine Stichproben-Standardabweichung</translation>
    </message>
    <message>
        <source>95% CI</source>
        <translation>95-%-KI</translation>
    </message>
    <message>
        <source>The 95% confidence interval of the mean (Student&apos;s t with n - 1 degrees of freedom)</source>
        <translation>Das 95-%-Konfidenzintervall des Mittelwerts (Student-t mit n − 1 Freiheitsgraden)</translation>
    </message>
</context>
<context>
    <name>megatoken::RunHistoryModel</name>
    <message>
        <source>Some files of this run could not be read:
%1</source>
        <translation>Einige Dateien dieses Laufs konnten nicht gelesen werden:
%1</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>divergiert</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>incomplete</source>
        <translation>unvollständig</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>Voreinstellung</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>When the run was created (its config.json was written)</source>
        <translation>Wann der Lauf angelegt wurde (seine config.json geschrieben wurde)</translation>
    </message>
    <message>
        <source>Steps trained / steps configured (optim.steps)</source>
        <translation>Trainierte Schritte / konfigurierte Schritte (optim.steps)</translation>
    </message>
    <message>
        <source>From the run&apos;s status.json, else inferred from its steps</source>
        <translation>Aus der status.json des Laufs, sonst aus seinen Schritten abgeleitet</translation>
    </message>
    <message>
        <source>pretrained</source>
        <translation>vortrainiert</translation>
    </message>
    <message>
        <source>imported (Hugging Face)</source>
        <translation>importiert (Hugging Face)</translation>
    </message>
    <message>
        <source>Evaluation at step %1</source>
        <translation>Auswertung bei Schritt %1</translation>
    </message>
    <message>
        <source>Evaluation at step %1: hard accuracy %2 at keep ratio %3 (target %4)</source>
        <translation>Auswertung bei Schritt %1: harte Genauigkeit %2 bei Behaltquote %3 (Ziel %4)</translation>
    </message>
    <message>
        <source>No evaluation kept %1 or less (target %2 + %3)</source>
        <translation>Keine Auswertung behielt %1 oder weniger (Ziel %2 + %3)</translation>
    </message>
    <message>
        <source>%1 @ %2</source>
        <translation>%1 @ %2</translation>
    </message>
    <message>
        <source>Final hard acc.</source>
        <translation>Harte Gen. (letzte)</translation>
    </message>
    <message>
        <source>Final keep</source>
        <translation>Behaltquote (letzte)</translation>
    </message>
    <message>
        <source>Best at target keep</source>
        <translation>Beste bei Ziel-Behaltquote</translation>
    </message>
    <message>
        <source>Hard-mask token accuracy (dropped tokens invisible) at the last evaluation on the validation split</source>
        <translation>Token-Genauigkeit mit harter Maske (verworfene Tokens unsichtbar) bei der letzten Auswertung auf dem Validierungsteil</translation>
    </message>
    <message>
        <source>The fraction of tokens the gates kept at that same evaluation</source>
        <translation>Der Anteil der Tokens, den die Gates bei derselben Auswertung behielten</translation>
    </message>
    <message>
        <source>The best hard-mask accuracy among the evaluations that kept at most the target keep ratio (loss.target_keep) + %1, with that evaluation&apos;s keep ratio</source>
        <translation>Die beste Genauigkeit mit harter Maske unter den Auswertungen, die höchstens die Ziel-Behaltquote (loss.target_keep) + %1 behielten, mit der Behaltquote dieser Auswertung</translation>
    </message>
    <message>
        <source>Trained on %1</source>
        <translation>Trainiert auf %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n processes)</source>
        <translation>
            <numerusform>%1 (%n Prozess)</numerusform>
            <numerusform>%1 (%n Prozesse)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>megatoken::RunHistoryView</name>
    <message>
        <source>Runs folder:</source>
        <translation>Laufordner:</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>Ändern…</translation>
    </message>
    <message>
        <source>Show the runs of another folder</source>
        <translation>Die Läufe eines anderen Ordners anzeigen</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Read the runs folder again</source>
        <translation>Laufordner erneut einlesen</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Open the selected runs</source>
        <translation>Ausgewählte Läufe öffnen</translation>
    </message>
    <message>
        <source>Overlay</source>
        <translation>Überlagern</translation>
    </message>
    <message>
        <source>Plot the selected runs&apos; metrics together (select two or more)</source>
        <translation>Metriken der ausgewählten Läufe gemeinsam darstellen (zwei oder mehr auswählen)</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <source>Write the selected runs&apos; metrics into one CSV with the columns run, step, metric, value</source>
        <translation>Metriken der ausgewählten Läufe in eine CSV-Datei mit den Spalten run, step, metric, value schreiben</translation>
    </message>
    <message>
        <source>Choose the runs folder</source>
        <translation>Laufordner wählen</translation>
    </message>
    <message>
        <source>Export metrics as CSV</source>
        <translation>Metriken als CSV exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Cannot export metrics</source>
        <translation>Metriken können nicht exportiert werden</translation>
    </message>
    <message>
        <source>Compare Configs…</source>
        <translation>Konfigurationen vergleichen…</translation>
    </message>
    <message>
        <source>Show the config keys whose values differ between the selected runs (select two or more)</source>
        <translation>Die Konfigurationsschlüssel zeigen, deren Werte sich zwischen den ausgewählten Läufen unterscheiden (zwei oder mehr auswählen)</translation>
    </message>
</context>
<context>
    <name>megatoken::SweepPanel</name>
    <message>
        <source>method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Open Sweep…</source>
        <translation>Sweep öffnen…</translation>
    </message>
    <message>
        <source>Open the folder of a sweep (its sweep.csv), as written by `megatoken sweep`</source>
        <translation>Den Ordner eines Sweeps öffnen (seine sweep.csv), wie ihn `megatoken sweep` schreibt</translation>
    </message>
    <message>
        <source>The quality on the y axis</source>
        <translation>Die Qualität auf der y-Achse</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <source>Save the plot as PNG, SVG or PDF</source>
        <translation>Das Diagramm als PNG, SVG oder PDF speichern</translation>
    </message>
    <message>
        <source>Quality:</source>
        <translation>Qualität:</translation>
    </message>
    <message>
        <source>Double-click a row to open its run on the dashboard</source>
        <translation>Doppelklick auf eine Zeile öffnet ihren Lauf im Dashboard</translation>
    </message>
    <message>
        <source>Open the folder of a sweep (written by `megatoken sweep`) to compare the learned gates with the fixed-rule baselines at every keep ratio.</source>
        <translation>Den Ordner eines Sweeps (von `megatoken sweep` geschrieben) öffnen, um die gelernten Gates bei jeder Behaltequote mit den Baselines aus festen Regeln zu vergleichen.</translation>
    </message>
    <message>
        <source>%1: no such folder or file</source>
        <translation>%1: kein solcher Ordner und keine solche Datei</translation>
    </message>
    <message>
        <source>No %1 in %2 yet: waiting for the sweep to write it.</source>
        <translation>Noch keine %1 in %2: warte darauf, dass der Sweep sie schreibt.</translation>
    </message>
    <message>
        <source>%1 (showing the last rows read)</source>
        <translation>%1 (die zuletzt gelesenen Zeilen werden angezeigt)</translation>
    </message>
    <message>
        <source>%1 of %2, read at %3</source>
        <translation>%1 aus %2, gelesen um %3</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n Zeile</numerusform>
            <numerusform>%n Zeilen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n method(s)</source>
        <translation>
            <numerusform>%n Methode</numerusform>
            <numerusform>%n Methoden</numerusform>
        </translation>
    </message>
    <message>
        <source>Open sweep</source>
        <translation>Sweep öffnen</translation>
    </message>
    <message>
        <source>Sweep tables (sweep.csv *.csv);;All files (*)</source>
        <translation>Sweep-Tabellen (sweep.csv *.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG-Bild (*.png)</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG-Zeichnung (*.svg)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF-Dokument (*.pdf)</translation>
    </message>
    <message>
        <source>Export the Pareto plot</source>
        <translation>Pareto-Diagramm exportieren</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>%1 exportiert</translation>
    </message>
    <message>
        <source>seeds</source>
        <translation>Seeds</translation>
    </message>
    <message>
        <source>Seeds averaged in the row: its numbers are mean ± sample SD (n − 1)</source>
        <translation>Über so viele Seeds gemittelt: die Zahlen der Zeile sind Mittelwert ± Stichproben-Standardabweichung (n − 1)</translation>
    </message>
    <message>
        <source>mean ± SD over %1 seeds (error bars: one SD)</source>
        <translation>Mittelwert ± SD über %1 Seeds (Fehlerbalken: eine SD)</translation>
    </message>
    <message>
        <source>LaTeX pgfplots, data inside (*.tex)</source>
        <translation>LaTeX pgfplots, mit Daten (*.tex)</translation>
    </message>
</context>
<context>
    <name>megatoken::TokenGridWidget</name>
    <message>
        <source>No tokens to show.</source>
        <translation>Keine Token anzuzeigen.</translation>
    </message>
    <message>
        <source>keep score α (dropped when ln α ≤ %1, i.e. α ≤ %2)</source>
        <translation>Behaltewert α (verworfen bei ln α ≤ %1, d. h. α ≤ %2)</translation>
    </message>
    <message>
        <source>keep score α</source>
        <translation>Behaltewert α</translation>
    </message>
    <message>
        <source>Megatokens: %1</source>
        <translation>Megatoken: %1</translation>
    </message>
    <message>
        <source>input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>gate %1</source>
        <translation>Gate %1</translation>
    </message>
    <message>
        <source>kept %1/%2 (%3)</source>
        <translation>behalten %1/%2 (%3)</translation>
    </message>
    <message>
        <source>“%1” at position %2</source>
        <translation>„%1“ an Position %2</translation>
    </message>
    <message>
        <source>no values at this gate</source>
        <translation>keine Werte an diesem Gate</translation>
    </message>
    <message>
        <source>α = %1</source>
        <translation>α = %1</translation>
    </message>
    <message>
        <source>ln α = %1</source>
        <translation>ln α = %1</translation>
    </message>
    <message>
        <source>G = %1 (sum of ln α so far)</source>
        <translation>G = %1 (bisherige Summe von ln α)</translation>
    </message>
    <message>
        <source>P = exp(G/√d) = %1</source>
        <translation>P = exp(G/√d) = %1</translation>
    </message>
    <message>
        <source>dropped at %1</source>
        <translation>verworfen bei %1</translation>
    </message>
    <message>
        <source>dropped</source>
        <translation>verworfen</translation>
    </message>
    <message>
        <source>kept</source>
        <translation>behalten</translation>
    </message>
    <message>
        <source>attended most to: %1</source>
        <translation>meiste Attention auf: %1</translation>
    </message>
    <message>
        <source>merged into “%1”</source>
        <translation>verschmolzen mit „%1“</translation>
    </message>
    <message>
        <source>absorbed: %1</source>
        <translation>aufgenommen: %1</translation>
    </message>
    <message>
        <source>Token drop grid</source>
        <translation>Token-Dropping-Raster</translation>
    </message>
    <message>
        <source>no file name given.</source>
        <translation>kein Dateiname angegeben.</translation>
    </message>
    <message>
        <source>the folder %1 does not exist.</source>
        <translation>der Ordner %1 existiert nicht.</translation>
    </message>
</context>
<context>
    <name>megatoken::TrainingSession</name>
    <message>
        <source>A run is already in progress.</source>
        <translation>Es läuft bereits ein Lauf.</translation>
    </message>
</context>
</TS>
