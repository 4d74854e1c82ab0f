<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>Cli</name>
        <message>
            <location filename="../app/cli/CliCommand.cpp" line="+25" />
            <source>Show this help.</source>
            <translation>显示此帮助。</translation>
        </message>
        <message>
            <location line="+21" />
            <source>Try 'marginalia %1 --help'.</source>
            <translation>请尝试 'marginalia %1 --help'。</translation>
        </message>
        <message>
            <location filename="../app/cli/NewCommand.cpp" line="+15" />
            <source>The project file to create (e.g. news.marginalia).</source>
            <translation>要创建的项目文件（例如 news.marginalia）。</translation>
        </message>
        <message>
            <location line="+2" />
            <source>textcat (one label per sample), multilabel, or ner.</source>
            <translation>textcat（每个样本一个标签）、multilabel 或 ner。</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Comma-separated label names.</source>
            <translation>以逗号分隔的标签名。</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Create an empty project.</source>
            <translation>创建一个空项目。</translation>
        </message>
        <message>
            <location line="+3" />
            <location filename="../app/cli/StatsCommand.cpp" line="57" />
            <source>expected exactly one PROJECT path.</source>
            <translation>需要且只能指定一个 PROJECT 路径。</translation>
        </message>
        <message>
            <location line="+2" />
            <source>--task is required (textcat, multilabel or ner).</source>
            <translation>必须指定 --task（textcat、multilabel 或 ner）。</translation>
        </message>
        <message>
            <location line="+3" />
            <source>unknown task '%1'; use textcat, multilabel or ner.</source>
            <translation>未知任务“%1”；请使用 textcat、multilabel 或 ner。</translation>
        </message>
        <message numerus="yes">
            <location line="+6" />
            <source>Created %1 (%2, %n label(s)).</source>
            <translation>
                <numerusform>已创建 %1（%2，%n 个标签）。</numerusform>
            </translation>
        </message>
        <message>
            <location line="+9" />
            <source>create an empty project</source>
            <translation>创建空项目</translation>
        </message>
        <message>
            <location filename="../app/cli/CommandRegistry.cpp" line="14" />
            <source>Usage: marginalia [PROJECT]            open the labeling studio
       marginalia --demo               open the studio on the bundled demo project
       marginalia COMMAND [OPTIONS]    work on a project from the command line

Commands:
</source>
            <translation>用法： marginalia [PROJECT]            打开标注工作台
       marginalia --demo               在内置演示项目上打开工作台
       marginalia COMMAND [OPTIONS]    在命令行中处理项目

命令：
</translation>
        </message>
        <message>
            <location filename="../app/cli/CommandRegistry.cpp" line="19" />
            <source>
Run 'marginalia COMMAND --help' for a command's options.
Exit status: 0 success, 1 usage error, 2 data error.
</source>
            <translation>
运行 'marginalia COMMAND --help' 查看某个命令的选项。
退出状态：0 成功，1 用法错误，2 数据错误。
</translation>
        </message>
        <message>
            <location filename="../app/cli/CommandRegistry.cpp" line="74" />
            <source>marginalia: unknown command '%1'. Run 'marginalia --help' for the list.</source>
            <translation>marginalia：未知命令“%1”。运行 'marginalia --help' 查看命令列表。</translation>
        </message>
        <message>
            <location filename="../app/cli/ExportCommand.cpp" line="17" />
            <location filename="../app/cli/ImportCommand.cpp" line="19" />
            <location filename="../app/cli/StatsCommand.cpp" line="50" />
            <source>The project file.</source>
            <translation>项目文件。</translation>
        </message>
        <message>
            <location filename="../app/cli/ExportCommand.cpp" line="18" />
            <source>The file to write (a folder with --split-files).</source>
            <translation>要写入的文件（使用 --split-files 时为文件夹）。</translation>
        </message>
        <message>
            <location filename="../app/cli/ExportCommand.cpp" line="19" />
            <source>jsonl (default) or csv.</source>
            <translation>jsonl（默认）或 csv。</translation>
        </message>
        <message>
            <location filename="../app/cli/ExportCommand.cpp" line="22" />
            <source>Write OUT/train, OUT/dev (a seeded share of the labeled pool) and OUT/test (the evaluation split).</source>
            <translation>写入 OUT/train、OUT/dev（按随机种子从候选池已标注样本中抽取的一部分）和 OUT/test（评估集）。</translation>
        </message>
        <message>
            <location filename="../app/cli/ExportCommand.cpp" line="25" />
            <source>Also write samples without a label.</source>
            <translation>同时写出没有标签的样本。</translation>
        </message>
        <message>
            <location filename="../app/cli/ExportCommand.cpp" line="26" />
            <source>Write each sample's "meta" object back.</source>
            <translation>写回每个样本的 "meta" 对象。</translation>
        </message>
        <message>
            <location filename="../app/cli/ExportCommand.cpp" line="28" />
            <source>Share of the labeled pool written to dev with --split-files (default 0.1).</source>
            <translation>使用 --split-files 时写入 dev 的候选池已标注样本比例（默认 0.1）。</translation>
        </message>
        <message>
            <location filename="../app/cli/ExportCommand.cpp" line="31" />
            <source>Seed for the dev split (default 13).</source>
            <translation>dev 划分的随机种子（默认 13）。</translation>
        </message>
        <message>
            <location filename="../app/cli/ExportCommand.cpp" line="36" />
            <source>Export each sample's current annotation. Files are written under a temporary name and renamed into place.</source>
            <translation>导出每个样本的当前标注。文件先以临时名称写入，再重命名到目标位置。</translation>
        </message>
        <message>
            <location filename="../app/cli/ExportCommand.cpp" line="41" />
            <source>expected PROJECT and OUT.</source>
            <translation>需要 PROJECT 和 OUT。</translation>
        </message>
        <message>
            <location filename="../app/cli/ExportCommand.cpp" line="45" />
            <source>unknown format '%1'; use jsonl or csv.</source>
            <translation>未知格式“%1”；请使用 jsonl 或 csv。</translation>
        </message>
        <message>
            <location filename="../app/cli/ExportCommand.cpp" line="52" />
            <source>--dev-fraction needs a number from 0 to below 1.</source>
            <translation>--dev-fraction 需要一个大于等于 0 且小于 1 的数。</translation>
        </message>
        <message>
            <location filename="../app/cli/ExportCommand.cpp" line="55" />
            <location filename="../app/cli/ImportCommand.cpp" line="67" />
            <source>--seed needs a whole number.</source>
            <translation>--seed 需要一个整数。</translation>
        </message>
        <message>
            <location filename="../app/cli/ExportCommand.cpp" line="63" />
            <source>exported %1 samples to %2</source>
            <translation>已将 %1 个样本导出到 %2</translation>
        </message>
        <message>
            <location filename="../app/cli/ExportCommand.cpp" line="72" />
            <source>export samples with their current labels</source>
            <translation>导出样本及其当前标签</translation>
        </message>
        <message>
            <location filename="../app/cli/ImportCommand.cpp" line="20" />
            <source>The file to import (UTF-8, with or without BOM).</source>
            <translation>要导入的文件（UTF-8，带或不带 BOM 均可）。</translation>
        </message>
        <message>
            <location filename="../app/cli/ImportCommand.cpp" line="22" />
            <source>auto (default: from the extension and first bytes), jsonl, csv, tsv or txt.</source>
            <translation>auto（默认：根据扩展名和文件开头字节判断）、jsonl、csv、tsv 或 txt。</translation>
        </message>
        <message>
            <location filename="../app/cli/ImportCommand.cpp" line="24" />
            <source>The field or column holding the text.</source>
            <translation>存放文本的字段或列。</translation>
        </message>
        <message>
            <location filename="../app/cli/ImportCommand.cpp" line="27" />
            <source>The field holding the label(s) (default: "label", else "labels"). In CSV/TSV multi-label cells separate labels with '|'.</source>
            <translation>存放标签的字段（默认："label"，否则为 "labels"）。在 CSV/TSV 的多标签单元格中用 '|' 分隔标签。</translation>
        </message>
        <message>
            <location filename="../app/cli/ImportCommand.cpp" line="30" />
            <source>The field holding an id kept with each sample.</source>
            <translation>存放 ID 的字段，该 ID 随样本一起保存。</translation>
        </message>
        <message>
            <location filename="../app/cli/ImportCommand.cpp" line="33" />
            <source>Hold out this share (0 to below 1) of the imported samples as the evaluation split, stratified by label.</source>
            <translation>将导入样本中的这一比例（大于等于 0 且小于 1）按标签分层留作评估集。</translation>
        </message>
        <message>
            <location filename="../app/cli/ImportCommand.cpp" line="36" />
            <source>Seed for the evaluation split (default 13).</source>
            <translation>评估集划分的随机种子（默认 13）。</translation>
        </message>
        <message>
            <location filename="../app/cli/ImportCommand.cpp" line="39" />
            <source>Stop at the first bad line with exit status 2 and leave the project unchanged.</source>
            <translation>遇到第一个错误行时以退出状态 2 停止，且不修改项目。</translation>
        </message>
        <message>
            <location filename="../app/cli/ImportCommand.cpp" line="41" />
            <source>Do not print progress.</source>
            <translation>不输出进度。</translation>
        </message>
        <message>
            <location filename="../app/cli/ImportCommand.cpp" line="45" />
            <source>Import samples (and any labels) from JSONL, CSV, TSV or plain text. Rows whose text is already in the project are skipped. Prints 'imported N, skipped M bad, D duplicates'.</source>
            <translation>从 JSONL、CSV、TSV 或纯文本导入样本（及其标签）。文本已存在于项目中的行会被跳过。输出“已导入 N 条，跳过 M 条错误行，D 条重复”。</translation>
        </message>
        <message>
            <location filename="../app/cli/ImportCommand.cpp" line="50" />
            <source>expected PROJECT and FILE.</source>
            <translation>需要 PROJECT 和 FILE。</translation>
        </message>
        <message>
            <location filename="../app/cli/ImportCommand.cpp" line="57" />
            <source>unknown format '%1'; use auto, jsonl, csv, tsv or txt.</source>
            <translation>未知格式“%1”；请使用 auto、jsonl、csv、tsv 或 txt。</translation>
        </message>
        <message>
            <location filename="../app/cli/ImportCommand.cpp" line="64" />
            <source>--eval-fraction needs a number from 0 to below 1.</source>
            <translation>--eval-fraction 需要一个大于等于 0 且小于 1 的数。</translation>
        </message>
        <message>
            <location filename="../app/cli/ImportCommand.cpp" line="85" />
            <source>&#xd;importing: %1 rows read (%2%)</source>
            <translation>&#xd;正在导入：已读取 %1 行（%2%）</translation>
        </message>
        <message>
            <location filename="../app/cli/ImportCommand.cpp" line="95" />
            <source>line %1: %2</source>
            <translation>第 %1 行：%2</translation>
        </message>
        <message>
            <location filename="../app/cli/ImportCommand.cpp" line="97" />
            <source>(%1 more bad lines not shown)</source>
            <translation>（另有 %1 个错误行未显示）</translation>
        </message>
        <message>
            <location filename="../app/cli/ImportCommand.cpp" line="99" />
            <source>note: added %1 new label(s) to the label set: %2</source>
            <translation>注意：已向标签集添加 %1 个新标签：%2</translation>
        </message>
        <message>
            <location filename="../app/cli/ImportCommand.cpp" line="104" />
            <source>imported %1, skipped %2 bad, %3 duplicates</source>
            <translation>已导入 %1 条，跳过 %2 条错误行，%3 条重复</translation>
        </message>
        <message>
            <location filename="../app/cli/ImportCommand.cpp" line="109" />
            <source> (%1 labeled, %2 in the evaluation split)</source>
            <translation> （其中 %1 条已标注，%2 条在评估集中）</translation>
        </message>
        <message>
            <location filename="../app/cli/ImportCommand.cpp" line="120" />
            <source>import samples and labels from JSONL, CSV, TSV or text</source>
            <translation>从 JSONL、CSV、TSV 或文本导入样本和标签</translation>
        </message>
        <message>
            <location filename="../app/cli/StatsCommand.cpp" line="51" />
            <source>Print the figures as one JSON object.</source>
            <translation>以单个 JSON 对象输出各项数字。</translation>
        </message>
        <message>
            <location filename="../app/cli/StatsCommand.cpp" line="54" />
            <source>Show counts of samples, labels and the last model run.</source>
            <translation>显示样本数、标签数和最近一次模型训练轮次。</translation>
        </message>
        <message>
            <location filename="../app/cli/StatsCommand.cpp" line="68" />
            <source>task:        %1
</source>
            <translation>任务：       %1
</translation>
        </message>
        <message>
            <location filename="../app/cli/StatsCommand.cpp" line="69" />
            <source>samples:     %1 (pool %2, eval %3)
</source>
            <translation>样本：       %1（候选池 %2，评估集 %3）
</translation>
        </message>
        <message>
            <location filename="../app/cli/StatsCommand.cpp" line="70" />
            <source>labeled:     %1 (pool %2, eval %3)
</source>
            <translation>已标注：     %1（候选池 %2，评估集 %3）
</translation>
        </message>
        <message>
            <location filename="../app/cli/StatsCommand.cpp" line="74" />
            <source>flagged:     %1
</source>
            <translation>已加旗标：   %1
</translation>
        </message>
        <message>
            <location filename="../app/cli/StatsCommand.cpp" line="75" />
            <source>labels:
</source>
            <translation>标签：
</translation>
        </message>
        <message>
            <location filename="../app/cli/StatsCommand.cpp" line="79" />
            <source>last run:    #%1 %2, %3 training labels, accuracy %4
</source>
            <translation>最近训练：   #%1 %2，%3 个训练标签，准确率 %4
</translation>
        </message>
        <message>
            <location filename="../app/cli/StatsCommand.cpp" line="85" />
            <source>last run:    none
</source>
            <translation>最近训练：   无
</translation>
        </message>
        <message>
            <location filename="../app/cli/StatsCommand.cpp" line="92" />
            <source>show counts of samples, labels and the last model run</source>
            <translation>显示样本数、标签数和最近一次模型训练轮次</translation>
        </message>
    </context>
    <context>
        <name>Export</name>
        <message>
            <location filename="../core/io/Exporter.cpp" line="41" />
            <source>Cannot write %1: %2</source>
            <translation>无法写入 %1：%2</translation>
        </message>
        <message>
            <location filename="../core/io/Exporter.cpp" line="43" />
            <location filename="../core/io/Exporter.cpp" line="107" />
            <source>Writing %1 failed: %2</source>
            <translation>写入 %1 失败：%2</translation>
        </message>
        <message>
            <location filename="../core/io/Exporter.cpp" line="53" />
            <source>Unknown export format "%1"; use jsonl or csv.</source>
            <translation>未知导出格式“%1”；请使用 jsonl 或 csv。</translation>
        </message>
        <message>
            <location filename="../core/io/Exporter.cpp" line="55" />
            <source>The dev fraction must be at least 0 and below 1.</source>
            <translation>dev 比例必须大于等于 0 且小于 1。</translation>
        </message>
        <message>
            <location filename="../core/io/Exporter.cpp" line="64" />
            <source>%1 is a file; --split-files needs a folder.</source>
            <translation>%1 是文件；--split-files 需要一个文件夹。</translation>
        </message>
        <message>
            <location filename="../core/io/Exporter.cpp" line="66" />
            <source>Cannot create the folder %1.</source>
            <translation>无法创建文件夹 %1。</translation>
        </message>
        <message>
            <location filename="../core/io/Exporter.cpp" line="72" />
            <source>%1 is a folder; give a file name, or use --split-files.</source>
            <translation>%1 是文件夹；请给出文件名，或使用 --split-files。</translation>
        </message>
        <message>
            <location filename="../core/io/Exporter.cpp" line="130" />
            <source>The export was cancelled; no file was written.</source>
            <translation>导出已取消；未写入任何文件。</translation>
        </message>
        <message>
            <location filename="../core/io/Exporter.cpp" line="134" />
            <source>Saving %1 failed: %2</source>
            <translation>保存 %1 失败：%2</translation>
        </message>
    </context>
    <context>
        <name>Import</name>
        <message>
            <location filename="../core/io/LineSource.cpp" line="+31" />
            <source>Line %1 is longer than 256 MiB; is this a text file?</source>
            <translation>第 %1 行超过 256 MiB；这是文本文件吗？</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Reading the file failed: %1</source>
            <translation>读取文件失败：%1</translation>
        </message>
        <message>
            <location filename="../core/io/TextLineReader.cpp" line="+24" />
            <location filename="../core/io/DelimitedReader.cpp" line="38" />
            <location filename="../core/io/JsonlReader.cpp" line="83" />
            <source>invalid UTF-8 (is the file in another encoding? save it as UTF-8)</source>
            <translation>无效的 UTF-8（文件是否使用了其他编码？请另存为 UTF-8）</translation>
        </message>
        <message>
            <location filename="../core/io/DelimitedReader.cpp" line="61" />
            <source>text after a closing quote (a quote inside a field must be doubled)</source>
            <translation>右引号后还有文本（字段内的引号必须写成两个）</translation>
        </message>
        <message>
            <location filename="../core/io/DelimitedReader.cpp" line="74" />
            <source>a quoted field is never closed</source>
            <translation>带引号的字段没有结束引号</translation>
        </message>
        <message>
            <location filename="../core/io/DelimitedReader.cpp" line="86" />
            <source>The file is empty; a header row is expected.</source>
            <translation>文件为空；需要一个表头行。</translation>
        </message>
        <message>
            <location filename="../core/io/DelimitedReader.cpp" line="90" />
            <source>The header row (line %1) cannot be read: %2</source>
            <translation>无法读取表头行（第 %1 行）：%2</translation>
        </message>
        <message>
            <location filename="../core/io/DelimitedReader.cpp" line="97" />
            <source>The header row has no column "%1" (it has: %2). Choose the text column with --text-field.</source>
            <translation>表头行中没有列“%1”（现有列：%2）。请用 --text-field 指定文本列。</translation>
        </message>
        <message>
            <location filename="../core/io/DelimitedReader.cpp" line="108" />
            <source>The header row has no column "%1".</source>
            <translation>表头行中没有列“%1”。</translation>
        </message>
        <message>
            <location filename="../core/io/DelimitedReader.cpp" line="136" />
            <source>the record has %1 fields; the header has %2</source>
            <translation>该记录有 %1 个字段；表头有 %2 个</translation>
        </message>
        <message>
            <location filename="../core/io/DelimitedReader.cpp" line="163" />
            <source>the field "%1" is not a JSON object</source>
            <translation>字段“%1”不是 JSON 对象</translation>
        </message>
        <message>
            <location filename="../core/io/FormatDetector.cpp" line="47" />
            <source>Line 1: the file is UTF-32 encoded; only UTF-8 is supported. Save it as UTF-8 and import again.</source>
            <translation>第 1 行：文件为 UTF-32 编码；仅支持 UTF-8。请另存为 UTF-8 后重新导入。</translation>
        </message>
        <message>
            <location filename="../core/io/FormatDetector.cpp" line="50" />
            <source>Line 1: the file is UTF-16 encoded; only UTF-8 is supported. Save it as UTF-8 and import again.</source>
            <translation>第 1 行：文件为 UTF-16 编码；仅支持 UTF-8。请另存为 UTF-8 后重新导入。</translation>
        </message>
        <message>
            <location filename="../core/io/FormatDetector.cpp" line="55" />
            <source>Line %1: the file contains NUL bytes, so it is binary or UTF-16/32 encoded; only UTF-8 text is supported.</source>
            <translation>第 %1 行：文件包含 NUL 字节，可能是二进制文件或 UTF-16/32 编码；仅支持 UTF-8 文本。</translation>
        </message>
        <message>
            <location filename="../core/io/ImportWriter.cpp" line="55" />
            <source>%1 failed: %2</source>
            <translation>%1失败：%2</translation>
        </message>
        <message>
            <location filename="../core/io/ImportWriter.cpp" line="68" />
            <source>The project's database connection is not SQLite.</source>
            <translation>项目的数据库连接不是 SQLite。</translation>
        </message>
        <message>
            <location filename="../core/io/ImportWriter.cpp" line="82" />
            <source>Preparing the import</source>
            <translation>准备导入</translation>
        </message>
        <message>
            <location filename="../core/io/ImportWriter.cpp" line="105" />
            <source>Configuring the import</source>
            <translation>配置导入</translation>
        </message>
        <message>
            <location filename="../core/io/ImportWriter.cpp" line="108" />
            <source>Starting the import</source>
            <translation>开始导入</translation>
        </message>
        <message>
            <location filename="../core/io/ImportWriter.cpp" line="119" />
            <source>Saving the import</source>
            <translation>保存导入结果</translation>
        </message>
        <message>
            <location filename="../core/io/ImportWriter.cpp" line="140" />
            <source>Continuing the import</source>
            <translation>继续导入</translation>
        </message>
        <message>
            <location filename="../core/io/ImportWriter.cpp" line="168" />
            <source>the token list is empty</source>
            <translation>词元列表为空</translation>
        </message>
        <message>
            <location filename="../core/io/ImportWriter.cpp" line="177" />
            <source>the text is empty</source>
            <translation>文本为空</translation>
        </message>
        <message>
            <location filename="../core/io/ImportWriter.cpp" line="181" />
            <source>%1 labels (%2) in a single-label project</source>
            <translation>单标签项目中出现了 %1 个标签（%2）</translation>
        </message>
        <message>
            <location filename="../core/io/ImportWriter.cpp" line="197" />
            <source>the row was not prepared for import</source>
            <translation>该行未做好导入准备</translation>
        </message>
        <message>
            <location filename="../core/io/ImportWriter.cpp" line="222" />
            <source>Adding a sample (line %1)</source>
            <translation>添加样本（第 %1 行）</translation>
        </message>
        <message>
            <location filename="../core/io/ImportWriter.cpp" line="240" />
            <location filename="../core/io/ImportWriter.cpp" line="251" />
            <source>Adding an annotation (line %1)</source>
            <translation>添加标注（第 %1 行）</translation>
        </message>
        <message>
            <location filename="../core/io/Importer.cpp" line="35" />
            <source>Cannot open %1: %2</source>
            <translation>无法打开 %1：%2</translation>
        </message>
        <message>
            <location filename="../core/io/Importer.cpp" line="44" />
            <source>Unknown format "%1"; use auto, jsonl, csv, tsv or txt.</source>
            <translation>未知格式“%1”；请使用 auto、jsonl、csv、tsv 或 txt。</translation>
        </message>
        <message>
            <location filename="../core/io/Importer.cpp" line="62" />
            <source>The evaluation fraction must be at least 0 and below 1.</source>
            <translation>评估集比例必须大于等于 0 且小于 1。</translation>
        </message>
        <message>
            <location filename="../core/io/Importer.cpp" line="123" />
            <source>Line %1: %2. Nothing was imported (strict mode).</source>
            <translation>第 %1 行：%2。未导入任何内容（严格模式）。</translation>
        </message>
        <message>
            <location filename="../core/io/Importer.cpp" line="141" />
            <source>%1 (The first %2 samples, saved before the error, stay in the project.)</source>
            <translation>%1（出错前已保存的前 %2 个样本仍保留在项目中。）</translation>
        </message>
        <message>
            <location filename="../core/io/JsonlReader.cpp" line="26" />
            <source>a list</source>
            <translation>列表</translation>
        </message>
        <message>
            <location filename="../core/io/JsonlReader.cpp" line="27" />
            <source>an object</source>
            <translation>对象</translation>
        </message>
        <message>
            <location filename="../core/io/JsonlReader.cpp" line="28" />
            <source>a string</source>
            <translation>字符串</translation>
        </message>
        <message>
            <location filename="../core/io/JsonlReader.cpp" line="31" />
            <source>a number</source>
            <translation>数字</translation>
        </message>
        <message>
            <location filename="../core/io/JsonlReader.cpp" line="32" />
            <source>true/false</source>
            <translation>布尔值（true/false）</translation>
        </message>
        <message>
            <location filename="../core/io/JsonlReader.cpp" line="33" />
            <source>null</source>
            <translation>null</translation>
        </message>
        <message>
            <location filename="../core/io/JsonlReader.cpp" line="87" />
            <source>invalid JSON (%1)</source>
            <translation>无效的 JSON（%1）</translation>
        </message>
        <message>
            <location filename="../core/io/JsonlReader.cpp" line="92" />
            <source>the line is %1, not a JSON object</source>
            <translation>该行是%1，不是 JSON 对象</translation>
        </message>
        <message>
            <location filename="../core/io/JsonlReader.cpp" line="109" />
            <source>the field "%1" is %2, not a string</source>
            <translation>字段“%1”是%2，不是字符串</translation>
        </message>
        <message>
            <location filename="../core/io/JsonlReader.cpp" line="115" />
            <source>no "%1" field</source>
            <translation>缺少“%1”字段</translation>
        </message>
        <message>
            <location filename="../core/io/JsonlReader.cpp" line="122" />
            <source>the field "%1" is %2, not a list</source>
            <translation>字段“%1”是%2，不是列表</translation>
        </message>
        <message>
            <location filename="../core/io/JsonlReader.cpp" line="128" />
            <source>a token in "%1" is %2, not a string</source>
            <translation>“%1”中的某个词元是%2，不是字符串</translation>
        </message>
        <message>
            <location filename="../core/io/JsonlReader.cpp" line="154" />
            <source>a label in "%1" is %2, not a string</source>
            <translation>“%1”中的某个标签是%2，不是字符串</translation>
        </message>
        <message>
            <location filename="../core/io/JsonlReader.cpp" line="163" />
            <source>the field "%1" is %2, not a label name</source>
            <translation>字段“%1”是%2，不是标签名</translation>
        </message>
        <message>
            <location filename="../core/io/JsonlReader.cpp" line="182" />
            <source>the field "%1" is %2, not an object</source>
            <translation>字段“%1”是%2，不是对象</translation>
        </message>
    </context>
    <context>
        <name>Store</name>
        <message>
            <location filename="../core/store/SqlHelpers.cpp" line="+18" />
            <source>the project is busy in another program (%1)</source>
            <translation>项目正被其他程序占用（%1）</translation>
        </message>
        <message>
            <location line="+1" />
            <source>%1 failed: %2</source>
            <translation>%1失败：%2</translation>
        </message>
        <message>
            <location line="+18" />
            <source>preparing a query</source>
            <translation>准备查询</translation>
        </message>
        <message>
            <location line="+18" />
            <source>starting a transaction</source>
            <translation>开始事务</translation>
        </message>
        <message>
            <location line="+3" />
            <source>saving</source>
            <translation>保存</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStore.cpp" line="43" />
            <location filename="../core/store/ProjectStore.cpp" line="56" />
            <source>configuring the project</source>
            <translation>配置项目</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStore.cpp" line="54" />
            <source>The project file cannot be switched to write-ahead logging (is its folder read-only?).</source>
            <translation>无法将项目文件切换为预写日志（WAL）模式（其所在文件夹是否为只读？）。</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStore.cpp" line="64" />
            <source>reading the project header</source>
            <translation>读取项目头信息</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStore.cpp" line="105" />
            <source>%1 already exists; choose another name or open it.</source>
            <translation>%1 已存在；请换一个名称，或直接打开它。</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStore.cpp" line="112" />
            <source>creating %1</source>
            <translation>创建 %1</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStore.cpp" line="150" />
            <source>%1 does not exist.</source>
            <translation>%1 不存在。</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStore.cpp" line="152" />
            <source>%1 is not a file.</source>
            <translation>%1 不是文件。</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStore.cpp" line="154" />
            <source>%1 is not a Marginalia project (it is not an SQLite database).</source>
            <translation>%1 不是 Marginalia 项目（它不是 SQLite 数据库）。</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStore.cpp" line="161" />
            <source>opening %1</source>
            <translation>打开 %1</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStore.cpp" line="168" />
            <location filename="../core/store/ProjectStore.cpp" line="173" />
            <source>%1 cannot be read; it may be corrupt. (%2)</source>
            <translation>无法读取 %1；文件可能已损坏。（%2）</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStore.cpp" line="170" />
            <source>%1 is an SQLite database but not a Marginalia project.</source>
            <translation>%1 是 SQLite 数据库，但不是 Marginalia 项目。</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStore.cpp" line="175" />
            <source>%1 was saved by a newer Marginalia (project format %2; this version reads up to %3). Please update Marginalia.</source>
            <translation>%1 由更新版本的 Marginalia 保存（项目格式 %2；当前版本最高支持 %3）。请更新 Marginalia。</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStore.cpp" line="184" />
            <source>%1 is damaged and cannot be opened safely: %2</source>
            <translation>%1 已损坏，无法安全打开：%2</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStore.cpp" line="190" />
            <source>Upgrading %1 failed; the file was left unchanged. (%2)</source>
            <translation>升级 %1 失败；文件未作任何更改。（%2）</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStore.cpp" line="203" />
            <source>The project's task type "%1" is unknown.</source>
            <translation>项目的任务类型“%1”未知。</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStore.cpp" line="214" />
            <source>reading settings</source>
            <translation>读取设置</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStore.cpp" line="228" />
            <source>saving settings</source>
            <translation>保存设置</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStoreAnnotations.cpp" line="28" />
            <source>A single-label project needs exactly one label per sample.</source>
            <translation>单标签项目中每个样本必须恰好有一个标签。</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStoreAnnotations.cpp" line="31" />
            <source>The span %1–%2 is empty or out of range.</source>
            <translation>片段 %1–%2 为空或超出范围。</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStoreAnnotations.cpp" line="37" />
            <location filename="../core/store/ProjectStoreSamples.cpp" line="118" />
            <source>reading a sample</source>
            <translation>读取样本</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStoreAnnotations.cpp" line="41" />
            <location filename="../core/store/ProjectStoreSamples.cpp" line="122" />
            <source>Sample %1 does not exist.</source>
            <translation>样本 %1 不存在。</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStoreAnnotations.cpp" line="45" />
            <source>The span %1–%2 lies outside the sample's text.</source>
            <translation>片段 %1–%2 超出了样本文本的范围。</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStoreAnnotations.cpp" line="52" />
            <location filename="../core/store/ProjectStoreAnnotations.cpp" line="66" />
            <location filename="../core/store/ProjectStoreAnnotations.cpp" line="78" />
            <source>saving an annotation</source>
            <translation>保存标注</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStoreAnnotations.cpp" line="95" />
            <location filename="../core/store/ProjectStoreAnnotations.cpp" line="116" />
            <location filename="../core/store/ProjectStoreAnnotations.cpp" line="126" />
            <source>reading annotations</source>
            <translation>读取标注</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStoreAnnotations.cpp" line="151" />
            <source>flagging a sample</source>
            <translation>为样本加旗标</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStoreAnnotations.cpp" line="158" />
            <source>removing a flag</source>
            <translation>移除旗标</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStoreAnnotations.cpp" line="165" />
            <source>reading a flag</source>
            <translation>读取旗标</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStoreAnnotations.cpp" line="188" />
            <location filename="../core/store/ProjectStoreSamples.cpp" line="92" />
            <source>counting samples</source>
            <translation>统计样本数</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStoreAnnotations.cpp" line="204" />
            <source>counting labels</source>
            <translation>统计标签数</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStoreLabels.cpp" line="22" />
            <source>reading labels</source>
            <translation>读取标签</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStoreLabels.cpp" line="34" />
            <location filename="../core/store/ProjectStoreLabels.cpp" line="68" />
            <source>A label needs a name.</source>
            <translation>标签需要一个名称。</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStoreLabels.cpp" line="40" />
            <source>The label "%1" already exists.</source>
            <translation>标签“%1”已存在。</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStoreLabels.cpp" line="59" />
            <source>adding a label</source>
            <translation>添加标签</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStoreLabels.cpp" line="77" />
            <source>changing a label</source>
            <translation>修改标签</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStoreLabels.cpp" line="80" />
            <source>That label no longer exists.</source>
            <translation>该标签已不存在。</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStoreLabels.cpp" line="93" />
            <source>checking a label</source>
            <translation>检查标签</translation>
        </message>
        <message numerus="yes">
            <location filename="../core/store/ProjectStoreLabels.cpp" line="96" />
            <source>This label is used by %n annotation(s) and cannot be removed; rename it instead.</source>
            <translation>
                <numerusform>该标签已被 %n 条标注使用，无法删除；请改为重命名。</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStoreLabels.cpp" line="103" />
            <source>removing a label</source>
            <translation>删除标签</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStoreLabels.cpp" line="115" />
            <source>reordering labels</source>
            <translation>重新排列标签</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStoreLabels.cpp" line="128" />
            <source>looking up a label</source>
            <translation>查找标签</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStoreLabels.cpp" line="131" />
            <source>The label "%1" is not in this project's label set.</source>
            <translation>标签“%1”不在本项目的标签集中。</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStoreRuns.cpp" line="76" />
            <source>starting a model run</source>
            <translation>开始模型训练轮次</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStoreRuns.cpp" line="93" />
            <location filename="../core/store/ProjectStoreRuns.cpp" line="101" />
            <location filename="../core/store/ProjectStoreRuns.cpp" line="112" />
            <location filename="../core/store/ProjectStoreRuns.cpp" line="120" />
            <location filename="../core/store/ProjectStoreRuns.cpp" line="133" />
            <source>saving a model run</source>
            <translation>保存模型训练轮次</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStoreRuns.cpp" line="154" />
            <source>saving predictions</source>
            <translation>保存预测结果</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStoreRuns.cpp" line="167" />
            <source>pruning old predictions</source>
            <translation>清理旧的预测结果</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStoreRuns.cpp" line="174" />
            <location filename="../core/store/ProjectStoreRuns.cpp" line="190" />
            <source>reading model runs</source>
            <translation>读取模型训练轮次</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStoreRuns.cpp" line="202" />
            <source>reading a model</source>
            <translation>读取模型</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStoreRuns.cpp" line="206" />
            <source>Model run %1 has no saved model.</source>
            <translation>模型训练轮次 %1 没有已保存的模型。</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStoreRuns.cpp" line="216" />
            <source>reading metrics</source>
            <translation>读取评估指标</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStoreRuns.cpp" line="233" />
            <source>reading losses</source>
            <translation>读取损失值</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStoreRuns.cpp" line="247" />
            <source>reading the confusion matrix</source>
            <translation>读取混淆矩阵</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStoreRuns.cpp" line="267" />
            <source>reading the ranking</source>
            <translation>读取排序结果</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStoreRuns.cpp" line="282" />
            <source>reading a prediction</source>
            <translation>读取预测结果</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStoreSamples.cpp" line="104" />
            <source>listing samples</source>
            <translation>列出样本</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStoreSamples.cpp" line="150" />
            <source>reading samples</source>
            <translation>读取样本</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStoreSamples.cpp" line="197" />
            <source>A sample needs text.</source>
            <translation>样本需要文本。</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStoreSamples.cpp" line="214" />
            <source>adding a sample</source>
            <translation>添加样本</translation>
        </message>
        <message>
            <location filename="../core/store/ProjectStoreSamples.cpp" line="225" />
            <source>changing a sample's split</source>
            <translation>更改样本的数据划分</translation>
        </message>
    </context>
</TS>
