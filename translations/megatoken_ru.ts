<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>InspectorPanel</name>
    <message>
        <source>gate %1 (after block %2)</source>
        <translation>гейт %1 (после блока %2)</translation>
    </message>
</context>
<context>
    <name>PlotFileExport</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Не удалось записать %1: %2</translation>
    </message>
    <message>
        <source>no file name given.</source>
        <translation>не указано имя файла.</translation>
    </message>
    <message>
        <source>the image size %1 × %2 is not positive.</source>
        <translation>размер изображения %1 × %2 должен быть положительным.</translation>
    </message>
    <message>
        <source>the folder %1 does not exist.</source>
        <translation>папка %1 не существует.</translation>
    </message>
    <message>
        <source>%1 is a file, not a folder.</source>
        <translation>%1 — это файл, а не папка.</translation>
    </message>
    <message>
        <source>the folder %1 is not writable.</source>
        <translation>папка %1 недоступна для записи.</translation>
    </message>
    <message>
        <source>the existing file cannot be overwritten.</source>
        <translation>невозможно перезаписать существующий файл.</translation>
    </message>
    <message>
        <source>the PNG encoder failed.</source>
        <translation>сбой кодировщика PNG.</translation>
    </message>
    <message>
        <source>the PDF writer could not start.</source>
        <translation>не удалось начать запись PDF.</translation>
    </message>
    <message>
        <source>the SVG writer could not start.</source>
        <translation>не удалось начать запись SVG.</translation>
    </message>
    <message>
        <source>nothing was drawn.</source>
        <translation>ничего не было нарисовано.</translation>
    </message>
    <message>
        <source>unknown image format &quot;%1&quot;; use .png, .pdf, .svg or .tex.</source>
        <translation>неизвестный формат изображения &quot;%1&quot;; используйте .png, .pdf, .svg или .tex.</translation>
    </message>
    <message>
        <source>a .tex figure is written from the plot&apos;s data, not painted.</source>
        <translation>рисунок .tex пишется из данных графика, а не рисуется.</translation>
    </message>
</context>
<context>
    <name>megatoken::AttentionHeatmap</name>
    <message>
        <source>key</source>
        <translation>ключ</translation>
    </message>
    <message>
        <source>query</source>
        <translation>запрос</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>вес</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
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
        <translation>Сравнение конфигураций запусков</translation>
    </message>
    <message>
        <source>Only keys that differ</source>
        <translation>Только различающиеся ключи</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Копировать</translation>
    </message>
    <message>
        <source>Copy the table as tab-separated text</source>
        <translation>Скопировать таблицу как текст с разделителями-табуляциями</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Ключ</translation>
    </message>
    <message numerus="yes">
        <source>The %n runs have the same configuration.</source>
        <translation>
            <numerusform>У %n запуска одинаковая конфигурация.</numerusform>
            <numerusform>У %n запусков одинаковая конфигурация.</numerusform>
            <numerusform>У %n запусков одинаковая конфигурация.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) differ between the runs.</source>
        <translation>
            <numerusform>%n ключ различается между запусками.</numerusform>
            <numerusform>%n ключа различаются между запусками.</numerusform>
            <numerusform>%n ключей различаются между запусками.</numerusform>
        </translation>
    </message>
    <message>
        <source>Select two or more runs whose configuration can be read to compare them.</source>
        <translation>Выберите два или более запуска с читаемой конфигурацией, чтобы сравнить их.</translation>
    </message>
    <message>
        <source>Left out: %1</source>
        <translation>Пропущены: %1</translation>
    </message>
</context>
<context>
    <name>megatoken::ConfigForm</name>
    <message>
        <source>Load…</source>
        <translation>Загрузить…</translation>
    </message>
    <message>
        <source>Load the settings from a configuration file</source>
        <translation>Загрузить настройки из файла конфигурации</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Сохранить…</translation>
    </message>
    <message>
        <source>Save these settings as a configuration file</source>
        <translation>Сохранить эти настройки в файл конфигурации</translation>
    </message>
    <message>
        <source>Show advanced</source>
        <translation>Показать дополнительные</translation>
    </message>
    <message>
        <source>Also show the settings that rarely need changing</source>
        <translation>Показать также редко изменяемые настройки</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>Пресет</translation>
    </message>
    <message>
        <source>Choosing a preset replaces every setting with its values.</source>
        <translation>При выборе пресета все настройки заменяются его значениями.</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Обзор…</translation>
    </message>
    <message>
        <source>Choose the corpus file and preview the texts it yields</source>
        <translation>Выбрать файл корпуса и просмотреть получаемые из него тексты</translation>
    </message>
    <message>
        <source>Range: %1</source>
        <translation>Диапазон: %1</translation>
    </message>
    <message>
        <source>Choices: %1</source>
        <translation>Варианты: %1</translation>
    </message>
    <message>
        <source>Default: %1</source>
        <translation>По умолчанию: %1</translation>
    </message>
    <message>
        <source>Unknown preset</source>
        <translation>Неизвестный пресет</translation>
    </message>
    <message>
        <source>%1: not saved, because these fields do not hold a value yet:
%2</source>
        <translation>%1: не сохранено, так как эти поля ещё не заполнены:
%2</translation>
    </message>
    <message>
        <source>Load configuration</source>
        <translation>Загрузить конфигурацию</translation>
    </message>
    <message>
        <source>Configurations (*.json);;All files (*)</source>
        <translation>Конфигурации (*.json);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Cannot load configuration</source>
        <translation>Не удалось загрузить конфигурацию</translation>
    </message>
    <message>
        <source>Save configuration</source>
        <translation>Сохранить конфигурацию</translation>
    </message>
    <message>
        <source>Cannot save configuration</source>
        <translation>Не удалось сохранить конфигурацию</translation>
    </message>
</context>
<context>
    <name>megatoken::ConfigKeys</name>
    <message>
        <source>Corpus and batches</source>
        <translation>Корпус и батчи</translation>
    </message>
    <message>
        <source>Tokenizer</source>
        <translation>Токенизатор</translation>
    </message>
    <message>
        <source>Model shape</source>
        <translation>Форма модели</translation>
    </message>
    <message>
        <source>Token gates</source>
        <translation>Гейты токенов</translation>
    </message>
    <message>
        <source>Compression loss</source>
        <translation>Потеря сжатия</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>Оптимизатор</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Запуск</translation>
    </message>
</context>
<context>
    <name>megatoken::CorpusPreviewDialog</name>
    <message>
        <source>Training corpus</source>
        <translation>Обучающий корпус</translation>
    </message>
    <message>
        <source>Empty: the built-in WordNet glosses</source>
        <translation>Пусто: встроенные толкования WordNet</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Обзор…</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <source>auto decides by the file&apos;s extension: .txt, .csv, .tsv, .jsonl or .json</source>
        <translation>auto — выбор по расширению файла: .txt, .csv, .tsv, .jsonl или .json</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Формат</translation>
    </message>
    <message>
        <source>The CSV/TSV column holding the texts, from the file&apos;s header row</source>
        <translation>Столбец CSV/TSV с текстами (из строки заголовков файла)</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Столбец</translation>
    </message>
    <message>
        <source>The JSON key holding the text; a dotted path such as review.text reaches into objects</source>
        <translation>Ключ JSON с текстом; путь через точку, например review.text, обращается к вложенным объектам</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Поле</translation>
    </message>
    <message>
        <source>Lowercase</source>
        <translation>Нижний регистр</translation>
    </message>
    <message>
        <source>(default: &quot;text&quot;, or the only column)</source>
        <translation>(по умолчанию: «text» или единственный столбец)</translation>
    </message>
    <message>
        <source>Choose a corpus</source>
        <translation>Выбор корпуса</translation>
    </message>
    <message>
        <source>Text corpora (*.txt *.csv *.tsv *.jsonl *.json);;All files (*)</source>
        <translation>Текстовые корпуса (*.txt *.csv *.tsv *.jsonl *.json);;Все файлы (*)</translation>
    </message>
    <message>
        <source>No file chosen: the run uses the built-in default corpus, the glosses and example sentences of WordNet 3.0.</source>
        <translation>Файл не выбран: запуск использует встроенный корпус по умолчанию — толкования и примеры предложений из WordNet 3.0.</translation>
    </message>
    <message>
        <source>A WordNet directory (holding data.noun, data.verb, data.adj and data.adv).</source>
        <translation>Каталог WordNet (с файлами data.noun, data.verb, data.adj и data.adv).</translation>
    </message>
    <message>
        <source>Read as %1.</source>
        <translation>Читается как %1.</translation>
    </message>
    <message>
        <source>No texts to preview.</source>
        <translation>Нет текстов для предпросмотра.</translation>
    </message>
    <message numerus="yes">
        <source>The first %n text(s) the run would read:</source>
        <translation>
            <numerusform>%n первый текст, который будет прочитан при обучении:</numerusform>
            <numerusform>%n первых текста, которые будут прочитаны при обучении:</numerusform>
            <numerusform>%n первых текстов, которые будут прочитаны при обучении:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>megatoken::CrossAttentionView</name>
    <message>
        <source>Output pieces of the free-running reconstruction (click one, Ctrl- or Shift-click several):</source>
        <translation>Выходные фрагменты свободной реконструкции (щёлкните один, несколько — с Ctrl или Shift):</translation>
    </message>
    <message>
        <source>Output piece %1</source>
        <translation>Выходной фрагмент %1</translation>
    </message>
    <message>
        <source>%1: dropped by a gate; the decoder cannot read it</source>
        <translation>%1: отброшен гейтом; декодер не может его прочитать</translation>
    </message>
    <message>
        <source>%1: %2 of the attention of output piece %3</source>
        <translation>%1: %2 внимания выходного фрагмента %3</translation>
    </message>
    <message numerus="yes">
        <source>%1: %2 of the attention, the mean of %n output pieces</source>
        <translation>
            <numerusform>%1: %2 внимания, среднее %n выходного фрагмента</numerusform>
            <numerusform>%1: %2 внимания, среднее %n выходных фрагментов</numerusform>
            <numerusform>%1: %2 внимания, среднее %n выходных фрагментов</numerusform>
        </translation>
    </message>
    <message>
        <source>No reconstruction yet.</source>
        <translation>Реконструкции пока нет.</translation>
    </message>
    <message>
        <source>Select output pieces to see what the decoder read.</source>
        <translation>Выберите выходные фрагменты, чтобы увидеть, что прочитал декодер.</translation>
    </message>
    <message numerus="yes">
        <source>What %1 read (the mean of %n output pieces); most: %2</source>
        <translation>
            <numerusform>Что прочитал %1 (среднее %n выходного фрагмента); больше всего: %2</numerusform>
            <numerusform>Что прочитали %1 (среднее %n выходных фрагментов); больше всего: %2</numerusform>
            <numerusform>Что прочитали %1 (среднее %n выходных фрагментов); больше всего: %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>megatoken::DashboardController</name>
    <message>
        <source>Token accuracy</source>
        <translation>Точность по токенам</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>точность</translation>
    </message>
    <message>
        <source>Compression per gate</source>
        <translation>Сжатие по гейтам</translation>
    </message>
    <message>
        <source>ratio</source>
        <translation>доля</translation>
    </message>
    <message>
        <source>Overall keep ratio</source>
        <translation>Общая доля сохранённых токенов</translation>
    </message>
    <message>
        <source>kept fraction</source>
        <translation>сохранённая доля</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Потери</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>потери</translation>
    </message>
    <message>
        <source>Compression weight λ</source>
        <translation>Вес сжатия λ</translation>
    </message>
    <message>
        <source>λ</source>
        <translation>λ</translation>
    </message>
    <message>
        <source>Free-running reconstruction</source>
        <translation>Реконструкция в свободном режиме</translation>
    </message>
    <message>
        <source>score (0–100)</source>
        <translation>оценка (0–100)</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Скорость обучения</translation>
    </message>
    <message>
        <source>lr</source>
        <translation>lr</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>Пропускная способность</translation>
    </message>
    <message>
        <source>non-pad tokens/s</source>
        <translation>токенов без pad/с</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n runs)</source>
        <translation>
            <numerusform>%1 (%n запуск)</numerusform>
            <numerusform>%1 (%n запуска)</numerusform>
            <numerusform>%1 (%n запусков)</numerusform>
        </translation>
    </message>
    <message>
        <source>Not on this axis: %1 (written before the workbench recorded it; the step and training-time axes show it).</source>
        <translation>Нет на этой оси: %1 (записано до того, как программа стала это сохранять; оси шага и времени обучения это показывают).</translation>
    </message>
    <message>
        <source>grouped by %1</source>
        <translation>сгруппировано по %1</translation>
    </message>
</context>
<context>
    <name>megatoken::HyperparameterModel</name>
    <message>
        <source>Run</source>
        <translation>Запуск</translation>
    </message>
    <message>
        <source>best acc. @ target</source>
        <translation>лучшая точн. @ цель</translation>
    </message>
    <message>
        <source>The best hard-mask accuracy among the evaluations at or below the target keep ratio + %1</source>
        <translation>Лучшая точность с жёсткой маской среди оценок при доле сохранённых не выше целевой + %1</translation>
    </message>
    <message>
        <source>%1 at the last evaluation</source>
        <translation>%1 при последней оценке</translation>
    </message>
</context>
<context>
    <name>megatoken::HyperparameterPanel</name>
    <message>
        <source>Every key</source>
        <translation>Все ключи</translation>
    </message>
    <message>
        <source>Show every config key, not only those whose values differ between the runs</source>
        <translation>Показать все ключи конфигурации, а не только различающиеся между запусками</translation>
    </message>
    <message>
        <source>Filter runs (any column)…</source>
        <translation>Фильтр запусков (любой столбец)…</translation>
    </message>
    <message>
        <source>Axes</source>
        <translation>Оси</translation>
    </message>
    <message>
        <source>The columns drawn as axes of the parallel-coordinates plot</source>
        <translation>Столбцы, которые рисуются осями параллельных координат</translation>
    </message>
    <message>
        <source>Scatter:</source>
        <translation>Точки:</translation>
    </message>
    <message>
        <source>against</source>
        <translation>от</translation>
    </message>
</context>
<context>
    <name>megatoken::InspectorPanel</name>
    <message>
        <source>Model:</source>
        <translation>Модель:</translation>
    </message>
    <message>
        <source>none yet: open a run in the Runs list, or start a training</source>
        <translation>пока нет: откройте запуск в списке «Запуски» или начните обучение</translation>
    </message>
    <message>
        <source>Live Run</source>
        <translation>Текущий запуск</translation>
    </message>
    <message>
        <source>Inspect with a snapshot of the running training&apos;s weights, taken between two steps</source>
        <translation>Исследовать по снимку весов идущего обучения, сделанному между двумя шагами</translation>
    </message>
    <message>
        <source>Open Run…</source>
        <translation>Открыть запуск…</translation>
    </message>
    <message>
        <source>Inspect with the newest checkpoint of a run directory</source>
        <translation>Исследовать по последней контрольной точке из каталога запуска</translation>
    </message>
    <message>
        <source>Run to inspect</source>
        <translation>Запуск для исследования</translation>
    </message>
    <message>
        <source>Type a sentence; Enter inspects it (typing inspects after a pause)</source>
        <translation>Введите предложение; Enter — исследовать его (при наборе — после паузы)</translation>
    </message>
    <message>
        <source>Inspect</source>
        <translation>Исследовать</translation>
    </message>
    <message>
        <source>Drop threshold:</source>
        <translation>Порог отбрасывания:</translation>
    </message>
    <message>
        <source>A piece is dropped where ln alpha ≤ this threshold; moving it re-inspects</source>
        <translation>Токен отбрасывается, если ln alpha ≤ этого порога; при перемещении анализ повторяется</translation>
    </message>
    <message>
        <source>Export Grid…</source>
        <translation>Экспорт сетки…</translation>
    </message>
    <message>
        <source>The grid as PNG, SVG or PDF</source>
        <translation>Сетка в формате PNG, SVG или PDF</translation>
    </message>
    <message>
        <source>Export Numbers…</source>
        <translation>Экспорт чисел…</translation>
    </message>
    <message>
        <source>Per piece and gate: piece, alpha, G, P, dropped, as CSV or JSON</source>
        <translation>Для каждого токена и гейта: piece, alpha, G, P, dropped, в формате CSV или JSON</translation>
    </message>
    <message>
        <source>Gates</source>
        <translation>Гейты</translation>
    </message>
    <message>
        <source>Block:</source>
        <translation>Блок:</translation>
    </message>
    <message>
        <source>Head:</source>
        <translation>Голова:</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>Внимание</translation>
    </message>
    <message>
        <source>Validation sentences:</source>
        <translation>Валидационные предложения:</translation>
    </message>
    <message>
        <source>Sample and Inspect</source>
        <translation>Выбрать и исследовать</translation>
    </message>
    <message>
        <source>Sentence</source>
        <translation>Предложение</translation>
    </message>
    <message>
        <source>Kept pieces</source>
        <translation>Сохранённые токены</translation>
    </message>
    <message>
        <source>Dropped pieces</source>
        <translation>Отброшенные токены</translation>
    </message>
    <message>
        <source>Pieces</source>
        <translation>Токены</translation>
    </message>
    <message>
        <source>Keep ratio</source>
        <translation>Доля сохранённых</translation>
    </message>
    <message>
        <source>Token accuracy</source>
        <translation>Точность по токенам</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Пакет</translation>
    </message>
    <message>
        <source>loading %1…</source>
        <translation>загрузка %1…</translation>
    </message>
    <message>
        <source>no training is running: start one, or open a run</source>
        <translation>обучение не идёт: начните его или откройте запуск</translation>
    </message>
    <message>
        <source>taking a snapshot of the live weights after the current step…</source>
        <translation>снимок текущих весов будет сделан после текущего шага…</translation>
    </message>
    <message>
        <source>ln α ≤ %1  (α ≤ %2 dropped)</source>
        <translation>ln α ≤ %1  (α ≤ %2 отбрасывается)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Teacher-forced:&lt;/b&gt; %1 &lt;i&gt;(%2 words differ; token accuracy %3)&lt;/i&gt;&lt;br&gt;&lt;b&gt;Free-running:&lt;/b&gt; %4 &lt;i&gt;(%5 words differ)&lt;/i&gt;</source>
        <translation>&lt;b&gt;Режим teacher forcing:&lt;/b&gt; %1 &lt;i&gt;(отличающихся слов: %2; точность по токенам %3)&lt;/i&gt;&lt;br&gt;&lt;b&gt;Свободный режим:&lt;/b&gt; %4 &lt;i&gt;(отличающихся слов: %5)&lt;/i&gt;</translation>
    </message>
    <message>
        <source>%1 pieces, inspected in %2 ms with %3</source>
        <translation>токенов: %1, исследовано за %2 мс, модель: %3</translation>
    </message>
    <message>
        <source>block %1</source>
        <translation>блок %1</translation>
    </message>
    <message>
        <source> (before gate %1)</source>
        <translation> (перед гейтом %1)</translation>
    </message>
    <message>
        <source>mean of heads</source>
        <translation>среднее по головам</translation>
    </message>
    <message>
        <source>head %1</source>
        <translation>голова %1</translation>
    </message>
    <message>
        <source>Block %1 self-attention, %2 (gate masks applied)</source>
        <translation>Самовнимание блока %1, %2 (с масками гейтов)</translation>
    </message>
    <message>
        <source>No model loaded yet.</source>
        <translation>Модель ещё не загружена.</translation>
    </message>
    <message>
        <source>Export grid</source>
        <translation>Экспорт сетки</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG image (*.svg);;PDF document (*.pdf)</source>
        <translation>Изображение PNG (*.png);;Изображение SVG (*.svg);;Документ PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Ошибка экспорта</translation>
    </message>
    <message>
        <source>Export numbers</source>
        <translation>Экспорт чисел</translation>
    </message>
    <message>
        <source>CSV (*.csv);;JSON (*.json)</source>
        <translation>CSV (*.csv);;JSON (*.json)</translation>
    </message>
    <message>
        <source>Decoder block:</source>
        <translation>Блок декодера:</translation>
    </message>
    <message>
        <source>Decoder</source>
        <translation>Декодер</translation>
    </message>
    <message>
        <source>mean of blocks</source>
        <translation>среднее по блокам</translation>
    </message>
    <message>
        <source>Decoder cross-attention, %1, %2: output pieces (rows) reading the input (columns)</source>
        <translation>Перекрёстное внимание декодера, %1, %2: выходные фрагменты (строки) читают вход (столбцы)</translation>
    </message>
    <message>
        <source>output piece</source>
        <translation>выходной фрагмент</translation>
    </message>
    <message>
        <source>input piece</source>
        <translation>входной фрагмент</translation>
    </message>
</context>
<context>
    <name>megatoken::InspectorWorker</name>
    <message>
        <source>The live model could not be copied: %1</source>
        <translation>Не удалось скопировать текущую модель: %1</translation>
    </message>
    <message>
        <source>No model loaded: open a run with a checkpoint, or start a training.</source>
        <translation>Модель не загружена: откройте запуск с контрольной точкой или начните обучение.</translation>
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
        <translation>Готово: нажмите «Запустить» (Ctrl+Return), чтобы начать обучение с пресетом %1</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Запустить</translation>
    </message>
    <message>
        <source>Start a new run with the configuration on the left</source>
        <translation>Начать новый запуск с конфигурацией слева</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Пауза</translation>
    </message>
    <message>
        <source>Pause the run between two steps, or resume it</source>
        <translation>Приостановить запуск между шагами или продолжить его</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>Ос&amp;тановить</translation>
    </message>
    <message>
        <source>Stop after the current step and write a checkpoint</source>
        <translation>Остановить после текущего шага и записать контрольную точку</translation>
    </message>
    <message>
        <source>&amp;Resume from Checkpoint…</source>
        <translation>Продолжить с &amp;контрольной точки…</translation>
    </message>
    <message>
        <source>Continue a stopped run from its newest checkpoint</source>
        <translation>Продолжить остановленный запуск с последней контрольной точки</translation>
    </message>
    <message>
        <source>&amp;Open Configuration…</source>
        <translation>&amp;Открыть конфигурацию…</translation>
    </message>
    <message>
        <source>Load a configuration from a JSON file</source>
        <translation>Загрузить конфигурацию из файла JSON</translation>
    </message>
    <message>
        <source>&amp;Save Configuration…</source>
        <translation>&amp;Сохранить конфигурацию…</translation>
    </message>
    <message>
        <source>Save the configuration as JSON</source>
        <translation>Сохранить конфигурацию в формате JSON</translation>
    </message>
    <message>
        <source>&amp;Export Plots…</source>
        <translation>&amp;Экспортировать графики…</translation>
    </message>
    <message>
        <source>Export a plot or the whole dashboard as PNG, PDF or SVG</source>
        <translation>Экспортировать график или всю панель в PNG, PDF или SVG</translation>
    </message>
    <message>
        <source>Export Metrics &amp;CSV…</source>
        <translation>Экспортировать метрики в &amp;CSV…</translation>
    </message>
    <message>
        <source>Export the metrics of the selected runs as one long-format CSV</source>
        <translation>Экспортировать метрики выбранных запусков в один CSV-файл в длинном формате</translation>
    </message>
    <message>
        <source>&amp;Copy Plot</source>
        <translation>&amp;Копировать график</translation>
    </message>
    <message>
        <source>Copy the plot under the mouse to the clipboard</source>
        <translation>Копировать график под указателем мыши в буфер обмена</translation>
    </message>
    <message>
        <source>&amp;Reset Views</source>
        <translation>&amp;Сбросить вид графиков</translation>
    </message>
    <message>
        <source>Rescale every plot to its data</source>
        <translation>Масштабировать каждый график по его данным</translation>
    </message>
    <message>
        <source>Runs &amp;Folder…</source>
        <translation>&amp;Папка запусков…</translation>
    </message>
    <message>
        <source>Choose the folder that holds the runs</source>
        <translation>Выбрать папку с запусками</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <source>Quit the workbench</source>
        <translation>Выйти из программы</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation>Конфигурация</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Запуски</translation>
    </message>
    <message>
        <source>Runs folder: %1</source>
        <translation>Папка запусков: %1</translation>
    </message>
    <message>
        <source>Messages of the running training appear here.</source>
        <translation>Здесь появляются сообщения текущего обучения.</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Журнал</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Обучение</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Настройка</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Язык</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Как в системе</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Комбинации клавиш</translation>
    </message>
    <message>
        <source>&amp;About the Workbench</source>
        <translation>&amp;О программе</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Обучение</translation>
    </message>
    <message>
        <source>step %v / %m</source>
        <translation>шаг %v / %m</translation>
    </message>
    <message>
        <source>checkpoint at step %1: %2</source>
        <translation>контрольная точка на шаге %1: %2</translation>
    </message>
    <message>
        <source>Checkpoint written at step %1</source>
        <translation>Контрольная точка записана на шаге %1</translation>
    </message>
    <message>
        <source>Res&amp;ume</source>
        <translation>П&amp;родолжить</translation>
    </message>
    <message>
        <source>The last configuration could not be restored: %1</source>
        <translation>Не удалось восстановить последнюю конфигурацию: %1</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <source>The language changes the next time the workbench starts.</source>
        <translation>Язык изменится при следующем запуске программы.</translation>
    </message>
    <message>
        <source>Invalid configuration</source>
        <translation>Недопустимая конфигурация</translation>
    </message>
    <message>
        <source>Fix these settings first:
%1</source>
        <translation>Сначала исправьте эти настройки:
%1</translation>
    </message>
    <message>
        <source>Cannot start</source>
        <translation>Не удалось запустить</translation>
    </message>
    <message>
        <source>preparing data and tokenizer…</source>
        <translation>подготовка данных и токенизатора…</translation>
    </message>
    <message>
        <source>--- new run (%1 preset) ---</source>
        <translation>--- новый запуск (пресет %1) ---</translation>
    </message>
    <message>
        <source>Starting: reading the corpus and preparing the tokenizer</source>
        <translation>Запуск: чтение корпуса и подготовка токенизатора</translation>
    </message>
    <message>
        <source>Resumed</source>
        <translation>Продолжено</translation>
    </message>
    <message>
        <source>Paused after the current step</source>
        <translation>Приостановлено после текущего шага</translation>
    </message>
    <message>
        <source>Stopping after the current step; a checkpoint will be written…</source>
        <translation>Остановка после текущего шага; будет записана контрольная точка…</translation>
    </message>
    <message>
        <source>Cannot resume</source>
        <translation>Не удалось продолжить</translation>
    </message>
    <message>
        <source>--- resuming %1 to step %2 ---</source>
        <translation>--- продолжение %1 до шага %2 ---</translation>
    </message>
    <message>
        <source>Run to resume</source>
        <translation>Запуск для продолжения</translation>
    </message>
    <message>
        <source>Resume run</source>
        <translation>Продолжить запуск</translation>
    </message>
    <message>
        <source>Train %1 up to step:</source>
        <translation>Обучать %1 до шага:</translation>
    </message>
    <message>
        <source>Device: %1</source>
        <translation>Устройство: %1</translation>
    </message>
    <message>
        <source>Training %1: %2 parameters, %3 gates, %4 training texts</source>
        <translation>Обучение %1: параметров: %2, гейтов: %3, обучающих текстов: %4</translation>
    </message>
    <message>
        <source>%1 tok/s · kept %2 · ETA %3</source>
        <translation>%1 ток/с · сохранено %2 · осталось %3</translation>
    </message>
    <message>
        <source>validation at step %1: hard-mask accuracy %2 at %3 kept, soft %4, free-running BLEU %5 (%6 s)</source>
        <translation>валидация на шаге %1: точность с жёсткой маской %2 при доле сохранённых %3, мягкая %4, BLEU в свободном режиме %5 (%6 с)</translation>
    </message>
    <message>
        <source>finished (%1): %2</source>
        <translation>завершено (%1): %2</translation>
    </message>
    <message>
        <source>Training failed</source>
        <translation>Сбой обучения</translation>
    </message>
    <message>
        <source>Training diverged</source>
        <translation>Обучение разошлось</translation>
    </message>
    <message>
        <source>Some runs could not be opened</source>
        <translation>Не удалось открыть некоторые запуски</translation>
    </message>
    <message numerus="yes">
        <source>Showing %n run(s)</source>
        <translation>
            <numerusform>Показан %n запуск</numerusform>
            <numerusform>Показано %n запуска</numerusform>
            <numerusform>Показано %n запусков</numerusform>
        </translation>
    </message>
    <message>
        <source>Open configuration</source>
        <translation>Открыть конфигурацию</translation>
    </message>
    <message>
        <source>Configurations (*.json);;All files (*)</source>
        <translation>Конфигурации (*.json);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Cannot open the configuration</source>
        <translation>Не удалось открыть конфигурацию</translation>
    </message>
    <message>
        <source>Loaded %1</source>
        <translation>Загружено: %1</translation>
    </message>
    <message>
        <source>Save configuration</source>
        <translation>Сохранить конфигурацию</translation>
    </message>
    <message>
        <source>Configurations (*.json)</source>
        <translation>Конфигурации (*.json)</translation>
    </message>
    <message>
        <source>Cannot save the configuration</source>
        <translation>Не удалось сохранить конфигурацию</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Сохранено: %1</translation>
    </message>
    <message>
        <source>No plot called %1</source>
        <translation>Нет графика с именем %1</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Ошибка экспорта</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>Экспортировано: %1</translation>
    </message>
    <message>
        <source>Nothing to export</source>
        <translation>Нечего экспортировать</translation>
    </message>
    <message>
        <source>Select one or more runs in the Runs list first.</source>
        <translation>Сначала выберите один или несколько запусков в списке «Запуски».</translation>
    </message>
    <message>
        <source>Export metrics</source>
        <translation>Экспорт метрик</translation>
    </message>
    <message numerus="yes">
        <source>Exported the metrics of %n run(s) to %1</source>
        <translation>
            <numerusform>Метрики %n запуска экспортированы в %1</numerusform>
            <numerusform>Метрики %n запусков экспортированы в %1</numerusform>
            <numerusform>Метрики %n запусков экспортированы в %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Plot copied to the clipboard</source>
        <translation>График скопирован в буфер обмена</translation>
    </message>
    <message>
        <source>Copy to Clipboard</source>
        <translation>Копировать в буфер обмена</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Экспорт…</translation>
    </message>
    <message>
        <source>Reset View</source>
        <translation>Сбросить вид</translation>
    </message>
    <message>
        <source>Runs folder</source>
        <translation>Папка запусков</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Комбинации клавиш</translation>
    </message>
    <message>
        <source>In a plot: drag to pan, wheel to zoom, click a legend entry to hide its series.</source>
        <translation>На графике: перетаскивание — сдвиг, колесо мыши — масштаб, щелчок по элементу легенды скрывает его ряд.</translation>
    </message>
    <message>
        <source>About the Megatoken Workbench</source>
        <translation>О программе Megatoken Workbench</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Megatoken Workbench&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;Train and study learnable token dropping in transformer attention: live training curves, per-gate compression, run comparison and export.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Megatoken Workbench&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;Обучение и исследование обучаемого отбрасывания токенов в механизме внимания трансформеров: кривые обучения в реальном времени, сжатие по гейтам, сравнение запусков и экспорт.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>A run is in progress</source>
        <translation>Идёт обучение</translation>
    </message>
    <message>
        <source>Stop the run and quit? It stops after the current step and writes a checkpoint; the metrics so far are kept, and the run can be resumed later.</source>
        <translation>Остановить запуск и выйти? Он остановится после текущего шага и запишет контрольную точку; собранные метрики сохранятся, и запуск можно будет продолжить позже.</translation>
    </message>
    <message>
        <source>Stopping the run before quitting…</source>
        <translation>Остановка запуска перед выходом…</translation>
    </message>
    <message>
        <source>no run</source>
        <translation>нет запуска</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Панель</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>Инспектор</translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation>&amp;Панель</translation>
    </message>
    <message>
        <source>&amp;Inspector</source>
        <translation>&amp;Инспектор</translation>
    </message>
    <message>
        <source>Sweep</source>
        <translation>Серия</translation>
    </message>
    <message>
        <source>Sweep: %1</source>
        <translation>Серия: %1</translation>
    </message>
    <message>
        <source>Open S&amp;weep…</source>
        <translation>Открыть с&amp;ерию…</translation>
    </message>
    <message>
        <source>Show the results of `megatoken sweep`: quality against kept tokens for every method</source>
        <translation>Показать результаты `megatoken sweep`: качество в зависимости от доли сохранённых токенов для каждого метода</translation>
    </message>
    <message>
        <source>S&amp;weep</source>
        <translation>С&amp;ерия</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Остановка…</translation>
    </message>
    <message>
        <source>preparing…</source>
        <translation>подготовка…</translation>
    </message>
    <message>
        <source>%1: %p%</source>
        <translation>%1: %p%</translation>
    </message>
    <message>
        <source>&amp;Import Hugging Face Model…</source>
        <translation>&amp;Импорт модели Hugging Face…</translation>
    </message>
    <message>
        <source>Make a run from a Hugging Face T5 or Flan-T5 folder (config.json, model.safetensors, spiece.model) and inspect it</source>
        <translation>Создать запуск из папки Hugging Face с T5 или Flan-T5 (config.json, model.safetensors, spiece.model) и исследовать его</translation>
    </message>
    <message>
        <source>Import a Hugging Face T5 folder (config.json, model.safetensors, spiece.model)</source>
        <translation>Импорт папки Hugging Face с T5 (config.json, model.safetensors, spiece.model)</translation>
    </message>
    <message>
        <source>An import is already running</source>
        <translation>Импорт уже идёт</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>Импорт %1…</translation>
    </message>
    <message>
        <source>importing the Hugging Face folder %1 into %2</source>
        <translation>импорт папки Hugging Face %1 в %2</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>Импорт не удался</translation>
    </message>
    <message>
        <source>Cannot import the Hugging Face model</source>
        <translation>Не удаётся импортировать модель Hugging Face</translation>
    </message>
    <message>
        <source>Imported %1</source>
        <translation>Импортировано: %1</translation>
    </message>
    <message>
        <source>Hyperparameters</source>
        <translation>Гиперпараметры</translation>
    </message>
    <message>
        <source>&amp;Hyperparameters</source>
        <translation>&amp;Гиперпараметры</translation>
    </message>
    <message numerus="yes">
        <source>in %n group(s)</source>
        <translation>
            <numerusform>в %n группе</numerusform>
            <numerusform>в %n группах</numerusform>
            <numerusform>в %n группах</numerusform>
        </translation>
    </message>
    <message>
        <source>Long CSV, one value per run (*.csv)</source>
        <translation>Длинный CSV, одно значение на запуск (*.csv)</translation>
    </message>
    <message>
        <source>Long CSV, group statistics (*.csv)</source>
        <translation>Длинный CSV, статистика групп (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>Exported the group statistics of %n run(s) to %1</source>
        <translation>
            <numerusform>Статистика групп %n запуска экспортирована в %1</numerusform>
            <numerusform>Статистика групп %n запусков экспортирована в %1</numerusform>
            <numerusform>Статистика групп %n запусков экспортирована в %1</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: trained on %2</source>
        <translation>%1: обучен на %2</translation>
    </message>
    <message numerus="yes">
        <source>Device: CUDA if available, else CPU (%n core(s))</source>
        <translation>
            <numerusform>Устройство: CUDA, если доступна, иначе CPU (%n ядро)</numerusform>
            <numerusform>Устройство: CUDA, если доступна, иначе CPU (%n ядра)</numerusform>
            <numerusform>Устройство: CUDA, если доступна, иначе CPU (%n ядер)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>megatoken::MetricPlot</name>
    <message>
        <source>step</source>
        <translation>шаг</translation>
    </message>
    <message>
        <source>Click an entry to show or hide its series</source>
        <translation>Щёлкните по элементу, чтобы показать или скрыть его ряд</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>шаг %1</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 с</translation>
    </message>
    <message>
        <source>(raw %1)</source>
        <translation>(исходное %1)</translation>
    </message>
    <message>
        <source>at %1</source>
        <translation>в точке %1</translation>
    </message>
    <message>
        <source>band %1 to %2</source>
        <translation>полоса от %1 до %2</translation>
    </message>
    <message>
        <source>training time (s)</source>
        <translation>время обучения (с)</translation>
    </message>
    <message>
        <source>training tokens seen</source>
        <translation>просмотрено токенов обучения</translation>
    </message>
    <message>
        <source>estimated training FLOPs</source>
        <translation>оценка FLOP обучения</translation>
    </message>
    <message>
        <source>clock time</source>
        <translation>время на часах</translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation>%1 токенов</translation>
    </message>
    <message>
        <source>%1 FLOPs</source>
        <translation>%1 FLOP</translation>
    </message>
    <message>
        <source> (Unix seconds)</source>
        <translation> (секунды Unix)</translation>
    </message>
</context>
<context>
    <name>megatoken::MetricSchema</name>
    <message>
        <source>training step</source>
        <translation>шаг обучения</translation>
    </message>
    <message>
        <source>step</source>
        <translation>шаг</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>эпоха</translation>
    </message>
    <message>
        <source>target keep ratio</source>
        <translation>целевая доля сохранённых</translation>
    </message>
    <message>
        <source>target</source>
        <translation>цель</translation>
    </message>
    <message>
        <source>evaluated texts</source>
        <translation>оценённые тексты</translation>
    </message>
    <message>
        <source>texts</source>
        <translation>тексты</translation>
    </message>
    <message>
        <source>total training loss</source>
        <translation>суммарные потери обучения</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>потери</translation>
    </message>
    <message>
        <source>total</source>
        <translation>суммарные</translation>
    </message>
    <message>
        <source>training cross-entropy</source>
        <translation>кросс-энтропия обучения</translation>
    </message>
    <message>
        <source>ce</source>
        <translation>ce</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>кросс-энтропия</translation>
    </message>
    <message>
        <source>compression loss</source>
        <translation>потери сжатия</translation>
    </message>
    <message>
        <source>compr.</source>
        <translation>сжат.</translation>
    </message>
    <message>
        <source>compression mean R²</source>
        <translation>сжатие, среднее R²</translation>
    </message>
    <message>
        <source>compression weight λ</source>
        <translation>вес сжатия λ</translation>
    </message>
    <message>
        <source>λ</source>
        <translation>λ</translation>
    </message>
    <message>
        <source>training token accuracy</source>
        <translation>точность по токенам на обучении</translation>
    </message>
    <message>
        <source>acc</source>
        <translation>точн.</translation>
    </message>
    <message>
        <source>train (training mask)</source>
        <translation>обучение (маска обучения)</translation>
    </message>
    <message>
        <source>teacher-forced token accuracy, hard mask</source>
        <translation>точность по токенам, teacher forcing, жёсткая маска</translation>
    </message>
    <message>
        <source>acc. hard</source>
        <translation>точн. жёстк.</translation>
    </message>
    <message>
        <source>val. hard mask</source>
        <translation>вал. жёсткая маска</translation>
    </message>
    <message>
        <source>teacher-forced token accuracy, soft mask</source>
        <translation>точность по токенам, teacher forcing, мягкая маска</translation>
    </message>
    <message>
        <source>acc. soft</source>
        <translation>точн. мягк.</translation>
    </message>
    <message>
        <source>val. soft mask</source>
        <translation>вал. мягкая маска</translation>
    </message>
    <message>
        <source>free-running token accuracy</source>
        <translation>точность по токенам в свободном режиме</translation>
    </message>
    <message>
        <source>acc. free</source>
        <translation>точн. своб.</translation>
    </message>
    <message>
        <source>val. free-running</source>
        <translation>вал. свободный режим</translation>
    </message>
    <message>
        <source>free-running BLEU</source>
        <translation>BLEU в свободном режиме</translation>
    </message>
    <message>
        <source>BLEU</source>
        <translation>BLEU</translation>
    </message>
    <message>
        <source>free-running ROUGE-L F1</source>
        <translation>ROUGE-L F1 в свободном режиме</translation>
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
        <translation>точное совпадение в свободном режиме</translation>
    </message>
    <message>
        <source>exact</source>
        <translation>точн. совп.</translation>
    </message>
    <message>
        <source>exact match %</source>
        <translation>точное совпадение, %</translation>
    </message>
    <message>
        <source>teacher-forced BLEU</source>
        <translation>BLEU, teacher forcing</translation>
    </message>
    <message>
        <source>BLEU tf</source>
        <translation>BLEU tf</translation>
    </message>
    <message>
        <source>teacher-forced ROUGE-L F1</source>
        <translation>ROUGE-L F1, teacher forcing</translation>
    </message>
    <message>
        <source>ROUGE-L tf</source>
        <translation>ROUGE-L tf</translation>
    </message>
    <message>
        <source>teacher-forced exact match</source>
        <translation>точное совпадение, teacher forcing</translation>
    </message>
    <message>
        <source>exact tf</source>
        <translation>точн. совп. tf</translation>
    </message>
    <message>
        <source>kept fraction of tokens</source>
        <translation>доля сохранённых токенов</translation>
    </message>
    <message>
        <source>kept</source>
        <translation>сохранено</translation>
    </message>
    <message>
        <source>train, hard</source>
        <translation>обучение, жёсткая</translation>
    </message>
    <message>
        <source>val., hard</source>
        <translation>вал., жёсткая</translation>
    </message>
    <message>
        <source>soft keep ratio L(S)/L(0)</source>
        <translation>мягкая доля сохранённых L(S)/L(0)</translation>
    </message>
    <message>
        <source>soft kept</source>
        <translation>мягк. сохр.</translation>
    </message>
    <message>
        <source>train, soft L(S)/L(0)</source>
        <translation>обучение, мягкая L(S)/L(0)</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>скорость обучения</translation>
    </message>
    <message>
        <source>lr</source>
        <translation>lr</translation>
    </message>
    <message>
        <source>training throughput</source>
        <translation>пропускная способность обучения</translation>
    </message>
    <message>
        <source>throughput</source>
        <translation>пропускная способность</translation>
    </message>
    <message>
        <source>tokens/s</source>
        <translation>токенов/с</translation>
    </message>
    <message>
        <source>inference throughput, masked</source>
        <translation>пропускная способность инференса, с маской</translation>
    </message>
    <message>
        <source>tok/s masked</source>
        <translation>ток/с с маской</translation>
    </message>
    <message>
        <source>inference throughput, hard removal</source>
        <translation>пропускная способность инференса, с удалением</translation>
    </message>
    <message>
        <source>tok/s hard</source>
        <translation>ток/с с удалением</translation>
    </message>
    <message>
        <source>speed-up of hard removal</source>
        <translation>ускорение от удаления токенов</translation>
    </message>
    <message>
        <source>speed-up</source>
        <translation>ускорение</translation>
    </message>
    <message>
        <source>wall time</source>
        <translation>время работы</translation>
    </message>
    <message>
        <source>wall</source>
        <translation>время</translation>
    </message>
    <message>
        <source>evaluation time</source>
        <translation>время оценки</translation>
    </message>
    <message>
        <source>took</source>
        <translation>заняло</translation>
    </message>
    <message>
        <source>soft ratio R(s) at gate %1</source>
        <translation>мягкое отношение R(s) на гейте %1</translation>
    </message>
    <message>
        <source>R%1</source>
        <translation>R%1</translation>
    </message>
    <message>
        <source>R(s) gate %1 (soft)</source>
        <translation>R(s) гейт %1 (мягкая)</translation>
    </message>
    <message>
        <source>kept fraction after gate %1</source>
        <translation>доля сохранённых после гейта %1</translation>
    </message>
    <message>
        <source>kept%1</source>
        <translation>сохр.%1</translation>
    </message>
    <message>
        <source>kept after gate %1 (hard)</source>
        <translation>сохранено после гейта %1 (жёсткая)</translation>
    </message>
    <message>
        <source>teacher-forced NLL, hard mask</source>
        <translation>NLL с teacher forcing, жёсткая маска</translation>
    </message>
    <message>
        <source>nll</source>
        <translation>NLL</translation>
    </message>
    <message>
        <source>training tokens seen</source>
        <translation>просмотрено токенов обучения</translation>
    </message>
    <message>
        <source>tokens</source>
        <translation>токены</translation>
    </message>
    <message>
        <source>estimated training FLOPs</source>
        <translation>оценка FLOP обучения</translation>
    </message>
    <message>
        <source>FLOPs</source>
        <translation>FLOP</translation>
    </message>
    <message>
        <source>clock time</source>
        <translation>время на часах</translation>
    </message>
    <message>
        <source>time</source>
        <translation>время</translation>
    </message>
</context>
<context>
    <name>megatoken::ParetoPlot</name>
    <message>
        <source>Pareto front</source>
        <translation>Парето-фронт</translation>
    </message>
    <message>
        <source>No results yet</source>
        <translation>Результатов пока нет</translation>
    </message>
    <message>
        <source>better</source>
        <translation>лучше</translation>
    </message>
    <message>
        <source>run</source>
        <translation>запуск</translation>
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
        <translation>сиды</translation>
    </message>
    <message>
        <source>Pareto plot</source>
        <translation>Диаграмма Парето</translation>
    </message>
</context>
<context>
    <name>megatoken::PlotDashboard</name>
    <message>
        <source>Log y</source>
        <translation>Лог. y</translation>
    </message>
    <message>
        <source>Smoothing</source>
        <translation>Сглаживание</translation>
    </message>
    <message>
        <source>Exponential moving average weight of the bold curves; 0 shows raw values</source>
        <translation>Вес экспоненциального скользящего среднего для жирных кривых; 0 — исходные значения</translation>
    </message>
    <message>
        <source>X axis</source>
        <translation>Ось X</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Шаг</translation>
    </message>
    <message>
        <source>Logarithmic y axis on every plot</source>
        <translation>Логарифмическая ось y на всех графиках</translation>
    </message>
    <message>
        <source>Reset view</source>
        <translation>Сбросить вид</translation>
    </message>
    <message>
        <source>Fit every plot to its data again (double-clicking a plot does the same)</source>
        <translation>Снова подогнать каждый график под его данные (то же делает двойной щелчок по графику)</translation>
    </message>
    <message>
        <source>Training metrics</source>
        <translation>Метрики обучения</translation>
    </message>
    <message>
        <source>Relative time</source>
        <translation>Относительное время</translation>
    </message>
    <message>
        <source>The run&apos;s training time, resumed parts added up</source>
        <translation>Время обучения запуска с учётом продолженных частей</translation>
    </message>
    <message>
        <source>Tokens seen</source>
        <translation>Просмотрено токенов</translation>
    </message>
    <message>
        <source>Non-pad tokens of the training batches so far</source>
        <translation>Токены без заполнения во всех пакетах обучения до сих пор</translation>
    </message>
    <message>
        <source>Training FLOPs</source>
        <translation>FLOP обучения</translation>
    </message>
    <message>
        <source>Estimated: 3 × the forward FLOPs of each training batch&apos;s padded shape</source>
        <translation>Оценка: 3 × FLOP прямого прохода для дополненной формы каждого пакета</translation>
    </message>
    <message>
        <source>Clock time</source>
        <translation>Время на часах</translation>
    </message>
</context>
<context>
    <name>megatoken::PlotExportDialog</name>
    <message>
        <source>Export plots</source>
        <translation>Экспорт графиков</translation>
    </message>
    <message>
        <source>Whole dashboard</source>
        <translation>Вся панель</translation>
    </message>
    <message>
        <source>PNG image</source>
        <translation>Изображение PNG</translation>
    </message>
    <message>
        <source>PDF document (vector)</source>
        <translation>Документ PDF (векторный)</translation>
    </message>
    <message>
        <source>SVG drawing (vector)</source>
        <translation>Рисунок SVG (векторный)</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Пользовательский</translation>
    </message>
    <message>
        <source> px</source>
        <translation> пикс.</translation>
    </message>
    <message>
        <source>×</source>
        <translation>×</translation>
    </message>
    <message>
        <source>Choose where to save</source>
        <translation>Выберите место сохранения</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Обзор…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Экспортировать</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Формат</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Размер</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>Изображение PNG (*.png)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>Документ PDF (*.pdf)</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>Рисунок SVG (*.svg)</translation>
    </message>
    <message>
        <source>For print:</source>
        <translation>Для печати:</translation>
    </message>
    <message>
        <source>Colour-blind-safe palette (Okabe–Ito)</source>
        <translation>Палитра для дальтоников (Окабе–Ито)</translation>
    </message>
    <message>
        <source>LaTeX pgfplots (.tex, data inside)</source>
        <translation>LaTeX pgfplots (.tex, с данными)</translation>
    </message>
    <message>
        <source>Size the PDF or SVG in centimetres with text of a size in points, as it will be printed; a .tex figure is always sized this way</source>
        <translation>Размер PDF или SVG в сантиметрах и текст в пунктах, как при печати; рисунок .tex всегда так</translation>
    </message>
    <message>
        <source> cm wide</source>
        <translation> см ширина</translation>
    </message>
    <message>
        <source>height in proportion</source>
        <translation>высота пропорционально</translation>
    </message>
    <message>
        <source> cm high</source>
        <translation> см высота</translation>
    </message>
    <message>
        <source> pt text</source>
        <translation> пт текст</translation>
    </message>
    <message>
        <source>Eight colours told apart with every common colour-vision deficiency (Okabe &amp; Ito 2008)</source>
        <translation>Восемь цветов, различимых при любом частом нарушении цветового зрения (Okabe &amp; Ito 2008)</translation>
    </message>
    <message>
        <source>Colours</source>
        <translation>Цвета</translation>
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
        <translation>Группы</translation>
    </message>
    <message>
        <source>Runs opened together whose settings differ only in this key draw as one curve: their mean, with a band showing their spread</source>
        <translation>Запуски, открытые вместе, настройки которых различаются только этим ключом, рисуются одной кривой: их среднее с полосой разброса</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Выкл.</translation>
    </message>
    <message>
        <source>Seeds</source>
        <translation>Сиды</translation>
    </message>
    <message>
        <source>Other key…</source>
        <translation>Другой ключ…</translation>
    </message>
    <message>
        <source>Band</source>
        <translation>Полоса</translation>
    </message>
    <message>
        <source>The spread drawn around a group&apos;s mean at each step</source>
        <translation>Разброс вокруг среднего группы на каждом шаге</translation>
    </message>
    <message>
        <source>Min–max</source>
        <translation>Мин–макс</translation>
    </message>
    <message>
        <source>±1 SD</source>
        <translation>±1 СКО</translation>
    </message>
    <message>
        <source>Group runs by a key</source>
        <translation>Группировать запуски по ключу</translation>
    </message>
    <message>
        <source>Runs whose settings differ only in this key draw as one curve:</source>
        <translation>Запуски, настройки которых различаются только этим ключом, рисуются одной кривой:</translation>
    </message>
    <message>
        <source>From the lowest to the highest member at each step</source>
        <translation>От наименьшего до наибольшего значения на каждом шаге</translation>
    </message>
    <message>
        <source>The mean plus and minus one sample standard deviation</source>
        <translation>Среднее плюс-минус одно выборочное стандартное отклонение</translation>
    </message>
    <message>
        <source>95% CI</source>
        <translation>95% ДИ</translation>
    </message>
    <message>
        <source>The 95% confidence interval of the mean (Student&apos;s t with n - 1 degrees of freedom)</source>
        <translation>95% доверительный интервал среднего (t Стьюдента с n − 1 степенями свободы)</translation>
    </message>
</context>
<context>
    <name>megatoken::RunHistoryModel</name>
    <message>
        <source>Some files of this run could not be read:
%1</source>
        <translation>Не удалось прочитать некоторые файлы этого запуска:
%1</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>running</source>
        <translation>выполняется</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>завершён</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>остановлен</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>разошёлся</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>сбой</translation>
    </message>
    <message>
        <source>incomplete</source>
        <translation>не завершён</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>Пресет</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Шаги</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>When the run was created (its config.json was written)</source>
        <translation>Когда был создан запуск (записан его config.json)</translation>
    </message>
    <message>
        <source>Steps trained / steps configured (optim.steps)</source>
        <translation>Выполнено шагов / задано шагов (optim.steps)</translation>
    </message>
    <message>
        <source>From the run&apos;s status.json, else inferred from its steps</source>
        <translation>Из status.json запуска, иначе определяется по его шагам</translation>
    </message>
    <message>
        <source>pretrained</source>
        <translation>предобучена</translation>
    </message>
    <message>
        <source>imported (Hugging Face)</source>
        <translation>импортирован (Hugging Face)</translation>
    </message>
    <message>
        <source>Evaluation at step %1</source>
        <translation>Оценка на шаге %1</translation>
    </message>
    <message>
        <source>Evaluation at step %1: hard accuracy %2 at keep ratio %3 (target %4)</source>
        <translation>Оценка на шаге %1: жёсткая точность %2 при доле сохранённых %3 (цель %4)</translation>
    </message>
    <message>
        <source>No evaluation kept %1 or less (target %2 + %3)</source>
        <translation>Ни одна оценка не сохранила %1 или меньше (цель %2 + %3)</translation>
    </message>
    <message>
        <source>%1 @ %2</source>
        <translation>%1 @ %2</translation>
    </message>
    <message>
        <source>Final hard acc.</source>
        <translation>Жёсткая точн. (посл.)</translation>
    </message>
    <message>
        <source>Final keep</source>
        <translation>Доля сохр. (посл.)</translation>
    </message>
    <message>
        <source>Best at target keep</source>
        <translation>Лучшая при целевой доле</translation>
    </message>
    <message>
        <source>Hard-mask token accuracy (dropped tokens invisible) at the last evaluation on the validation split</source>
        <translation>Точность по токенам с жёсткой маской (отброшенные токены невидимы) при последней оценке на валидационной части</translation>
    </message>
    <message>
        <source>The fraction of tokens the gates kept at that same evaluation</source>
        <translation>Доля токенов, сохранённых гейтами при той же оценке</translation>
    </message>
    <message>
        <source>The best hard-mask accuracy among the evaluations that kept at most the target keep ratio (loss.target_keep) + %1, with that evaluation&apos;s keep ratio</source>
        <translation>Лучшая точность с жёсткой маской среди оценок, сохранивших не больше целевой доли (loss.target_keep) + %1, с долей сохранённых этой оценки</translation>
    </message>
    <message>
        <source>Trained on %1</source>
        <translation>Обучен на %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n processes)</source>
        <translation>
            <numerusform>%1 (%n процесс)</numerusform>
            <numerusform>%1 (%n процесса)</numerusform>
            <numerusform>%1 (%n процессов)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>megatoken::RunHistoryView</name>
    <message>
        <source>Runs folder:</source>
        <translation>Папка запусков:</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>Изменить…</translation>
    </message>
    <message>
        <source>Show the runs of another folder</source>
        <translation>Показать запуски из другой папки</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>Read the runs folder again</source>
        <translation>Перечитать папку запусков</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Открыть</translation>
    </message>
    <message>
        <source>Open the selected runs</source>
        <translation>Открыть выбранные запуски</translation>
    </message>
    <message>
        <source>Overlay</source>
        <translation>Наложить</translation>
    </message>
    <message>
        <source>Plot the selected runs&apos; metrics together (select two or more)</source>
        <translation>Показать метрики выбранных запусков на общих графиках (выберите два или более)</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Экспорт в CSV…</translation>
    </message>
    <message>
        <source>Write the selected runs&apos; metrics into one CSV with the columns run, step, metric, value</source>
        <translation>Записать метрики выбранных запусков в один CSV-файл со столбцами run, step, metric, value</translation>
    </message>
    <message>
        <source>Choose the runs folder</source>
        <translation>Выберите папку запусков</translation>
    </message>
    <message>
        <source>Export metrics as CSV</source>
        <translation>Экспорт метрик в CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>Файлы CSV (*.csv);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Cannot export metrics</source>
        <translation>Не удалось экспортировать метрики</translation>
    </message>
    <message>
        <source>Compare Configs…</source>
        <translation>Сравнить конфигурации…</translation>
    </message>
    <message>
        <source>Show the config keys whose values differ between the selected runs (select two or more)</source>
        <translation>Показать ключи конфигурации, значения которых различаются у выбранных запусков (выберите два или более)</translation>
    </message>
</context>
<context>
    <name>megatoken::SweepPanel</name>
    <message>
        <source>method</source>
        <translation>метод</translation>
    </message>
    <message>
        <source>run</source>
        <translation>запуск</translation>
    </message>
    <message>
        <source>Open Sweep…</source>
        <translation>Открыть серию…</translation>
    </message>
    <message>
        <source>Open the folder of a sweep (its sweep.csv), as written by `megatoken sweep`</source>
        <translation>Открыть папку серии (её sweep.csv), записанную командой `megatoken sweep`</translation>
    </message>
    <message>
        <source>The quality on the y axis</source>
        <translation>Качество по оси y</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Экспорт…</translation>
    </message>
    <message>
        <source>Save the plot as PNG, SVG or PDF</source>
        <translation>Сохранить график в PNG, SVG или PDF</translation>
    </message>
    <message>
        <source>Quality:</source>
        <translation>Качество:</translation>
    </message>
    <message>
        <source>Double-click a row to open its run on the dashboard</source>
        <translation>Двойной щелчок по строке открывает её запуск на панели</translation>
    </message>
    <message>
        <source>Open the folder of a sweep (written by `megatoken sweep`) to compare the learned gates with the fixed-rule baselines at every keep ratio.</source>
        <translation>Откройте папку серии (записанную `megatoken sweep`), чтобы сравнить обученные гейты с базовыми методами на фиксированных правилах при каждой доле сохранённых токенов.</translation>
    </message>
    <message>
        <source>%1: no such folder or file</source>
        <translation>%1: нет такой папки или файла</translation>
    </message>
    <message>
        <source>No %1 in %2 yet: waiting for the sweep to write it.</source>
        <translation>В %2 пока нет %1: ожидание, пока серия его запишет.</translation>
    </message>
    <message>
        <source>%1 (showing the last rows read)</source>
        <translation>%1 (показаны последние прочитанные строки)</translation>
    </message>
    <message>
        <source>%1 of %2, read at %3</source>
        <translation>%1, %2, прочитано в %3</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n строка</numerusform>
            <numerusform>%n строки</numerusform>
            <numerusform>%n строк</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n method(s)</source>
        <translation>
            <numerusform>%n метод</numerusform>
            <numerusform>%n метода</numerusform>
            <numerusform>%n методов</numerusform>
        </translation>
    </message>
    <message>
        <source>Open sweep</source>
        <translation>Открыть серию</translation>
    </message>
    <message>
        <source>Sweep tables (sweep.csv *.csv);;All files (*)</source>
        <translation>Таблицы серий (sweep.csv *.csv);;Все файлы (*)</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>Изображение PNG (*.png)</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>Рисунок SVG (*.svg)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>Документ PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Export the Pareto plot</source>
        <translation>Экспорт графика Парето</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Ошибка экспорта</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>Экспортировано: %1</translation>
    </message>
    <message>
        <source>seeds</source>
        <translation>сиды</translation>
    </message>
    <message>
        <source>Seeds averaged in the row: its numbers are mean ± sample SD (n − 1)</source>
        <translation>Сколько сидов усреднено в строке: её числа — среднее ± выборочное СКО (n − 1)</translation>
    </message>
    <message>
        <source>mean ± SD over %1 seeds (error bars: one SD)</source>
        <translation>среднее ± СКО по сидам: %1 (планки погрешностей: одно СКО)</translation>
    </message>
    <message>
        <source>LaTeX pgfplots, data inside (*.tex)</source>
        <translation>LaTeX pgfplots, с данными (*.tex)</translation>
    </message>
</context>
<context>
    <name>megatoken::TokenGridWidget</name>
    <message>
        <source>No tokens to show.</source>
        <translation>Нет токенов для отображения.</translation>
    </message>
    <message>
        <source>keep score α (dropped when ln α ≤ %1, i.e. α ≤ %2)</source>
        <translation>оценка сохранения α (отбрасывается при ln α ≤ %1, т. е. α ≤ %2)</translation>
    </message>
    <message>
        <source>keep score α</source>
        <translation>оценка сохранения α</translation>
    </message>
    <message>
        <source>Megatokens: %1</source>
        <translation>Мегатокены: %1</translation>
    </message>
    <message>
        <source>input</source>
        <translation>вход</translation>
    </message>
    <message>
        <source>gate %1</source>
        <translation>гейт %1</translation>
    </message>
    <message>
        <source>kept %1/%2 (%3)</source>
        <translation>сохранено %1/%2 (%3)</translation>
    </message>
    <message>
        <source>“%1” at position %2</source>
        <translation>«%1» в позиции %2</translation>
    </message>
    <message>
        <source>no values at this gate</source>
        <translation>нет значений на этом гейте</translation>
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
        <translation>G = %1 (накопленная сумма ln α)</translation>
    </message>
    <message>
        <source>P = exp(G/√d) = %1</source>
        <translation>P = exp(G/√d) = %1</translation>
    </message>
    <message>
        <source>dropped at %1</source>
        <translation>отброшен: %1</translation>
    </message>
    <message>
        <source>dropped</source>
        <translation>отброшен</translation>
    </message>
    <message>
        <source>kept</source>
        <translation>сохранён</translation>
    </message>
    <message>
        <source>attended most to: %1</source>
        <translation>больше всего внимания к: %1</translation>
    </message>
    <message>
        <source>merged into “%1”</source>
        <translation>слит с «%1»</translation>
    </message>
    <message>
        <source>absorbed: %1</source>
        <translation>поглотил: %1</translation>
    </message>
    <message>
        <source>Token drop grid</source>
        <translation>Сетка отбрасывания токенов</translation>
    </message>
    <message>
        <source>no file name given.</source>
        <translation>не указано имя файла.</translation>
    </message>
    <message>
        <source>the folder %1 does not exist.</source>
        <translation>папка %1 не существует.</translation>
    </message>
</context>
<context>
    <name>megatoken::TrainingSession</name>
    <message>
        <source>A run is already in progress.</source>
        <translation>Запуск уже выполняется.</translation>
    </message>
</context>
</TS>
