<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Agreement</name>
    <message>
        <location filename="../core/task/ProjectAgreement.cpp" line="+20"/>
        <source>Agreement is computed for classification projects; span labeling is not supported yet.</source>
        <translation>一致性只对分类项目计算；尚不支持片段标注。</translation>
    </message>
</context>
<context>
    <name>Audit</name>
    <message>
        <location filename="../core/task/LabelAudit.cpp" line="+25"/>
        <source>The project needs at least two labels to audit.</source>
        <translation>项目至少需要两个标签才能审查。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>There are too few labeled samples to audit (%1; at least %2 are needed).</source>
        <translation>已标注样本太少，无法审查（%1 个；至少需要 %2 个）。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The audit was cancelled.</source>
        <translation>审查已取消。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scoring fold %1 of %2</source>
        <translation>正在为第 %1 折（共 %2 折）打分</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The model gave no probabilities to audit with.</source>
        <translation>模型没有给出可用于审查的概率。</translation>
    </message>
    <message numerus="yes">
        <location line="+95"/>
        <source>Audited %n labeled sample(s)</source>
        <translation>
            <numerusform>已审查 %n 个已标注样本</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Auditing labels works on single-label projects (textcat, image) for now.</source>
        <translation>标签审查目前只适用于单标签项目（textcat、image）。</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <location filename="../app/cli/CliCommand.cpp" line="+26"/>
        <source>Show this help.</source>
        <translation>显示此帮助。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Try &apos;marginalia %1 --help&apos;.</source>
        <translation>请尝试 &apos;marginalia %1 --help&apos;。</translation>
    </message>
    <message>
        <location filename="../app/cli/ExportCommand.cpp" line="+108"/>
        <source>export samples with their current labels</source>
        <translation>导出样本及其当前标签</translation>
    </message>
    <message>
        <location filename="../app/cli/ImportCommand.cpp" line="+187"/>
        <source>import samples and labels from JSONL, CSV, TSV or text</source>
        <translation>从 JSONL、CSV、TSV 或文本导入样本和标签</translation>
    </message>
    <message>
        <location filename="../app/cli/NewCommand.cpp" line="+16"/>
        <source>The project file to create (e.g. news.marginalia).</source>
        <translation>要创建的项目文件（例如 news.marginalia）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>textcat (one label per text), multilabel, ner (spans in the text), or image (one label per image).</source>
        <translation>textcat（每条文本一个标签）、multilabel（多标签）、ner（文本中的片段）或 image（每张图片一个标签）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Comma-separated label names.</source>
        <translation>以逗号分隔的标签名。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Create an empty project.</source>
        <translation>创建一个空项目。</translation>
    </message>
    <message>
        <location filename="../app/cli/AgreementCommand.cpp" line="+31"/>
        <location filename="../app/cli/ReviewCommand.cpp" line="+23"/>
        <source>(unnamed)</source>
        <translation>（未命名）</translation>
    </message>
    <message>
        <location line="+8"/>
        <location filename="../app/cli/ReviewCommand.cpp" line="+86"/>
        <source>Print one JSON object.</source>
        <translation>输出一个 JSON 对象。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Agreement between annotators on the samples two or more of them labeled (import each person&apos;s file with --annotator NAME): Cohen&apos;s kappa for every pair, Fleiss&apos; kappa over the samples everyone labeled, Krippendorff&apos;s alpha (nominal, missing labels allowed), and per label alpha and Fleiss&apos; kappa of &quot;has the label&quot;.</source>
        <translation>标注者之间在两人或多人标注过的样本上的一致性（用 --annotator NAME 导入每个人的文件）：每对标注者的 Cohen kappa、所有人都标注过的样本上的 Fleiss kappa、Krippendorff alpha（名义尺度，允许缺失标签），以及每个标签“是否带有该标签”的 alpha 和 Fleiss kappa。</translation>
    </message>
    <message>
        <location line="+7"/>
        <location filename="../app/cli/AuditCommand.cpp" line="+42"/>
        <location filename="../app/cli/EngineCommand.cpp" line="+64"/>
        <location filename="../app/cli/NewCommand.cpp" line="+3"/>
        <location filename="../app/cli/PretrainCommand.cpp" line="+48"/>
        <location filename="../app/cli/RankCommand.cpp" line="+49"/>
        <location filename="../app/cli/ReviewCommand.cpp" line="+16"/>
        <location filename="../app/cli/StatsCommand.cpp" line="+60"/>
        <location filename="../app/cli/TrainCommand.cpp" line="+74"/>
        <source>expected exactly one PROJECT path.</source>
        <translation>需要且只能指定一个 PROJECT 路径。</translation>
    </message>
    <message numerus="yes">
        <location line="+30"/>
        <source>%n annotator(s), %1 sample(s) labeled by two or more
</source>
        <translation>
            <numerusform>%n 位标注者，%1 个样本由两人或多人标注
</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No sample was labeled by two annotators: import each person&apos;s labels with --annotator NAME.
</source>
        <translation>没有样本由两位标注者标注：请用 --annotator NAME 导入每个人的标签。
</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cohen&apos;s kappa %1 / %2: %3 (%4 samples)
</source>
        <translation>Cohen kappa %1 / %2：%3（%4 个样本）
</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fleiss&apos; kappa: %1 (%2 samples labeled by everyone)
</source>
        <translation>Fleiss kappa：%1（%2 个样本由所有人标注）
</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Krippendorff&apos;s alpha: %1
</source>
        <translation>Krippendorff alpha：%1
</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>per label (alpha, Fleiss&apos; kappa):
</source>
        <translation>按标签（alpha，Fleiss kappa）：
</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n sample(s)</source>
        <translation>
            <numerusform>%n 个样本</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>agreement between annotators (Cohen, Fleiss, Krippendorff)</source>
        <translation>标注者之间的一致性（Cohen、Fleiss、Krippendorff）</translation>
    </message>
    <message>
        <location filename="../app/cli/NewCommand.cpp" line="+2"/>
        <source>--task is required (textcat, multilabel, ner or image).</source>
        <translation>必须指定 --task（textcat、multilabel、ner 或 image）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>unknown task &apos;%1&apos;; use textcat, multilabel, ner or image.</source>
        <translation>未知任务“%1”；请使用 textcat、multilabel、ner 或 image。</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Created %1 (%2, %n label(s)).</source>
        <translation>
            <numerusform>已创建 %1（%2，%n 个标签）。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>create an empty project</source>
        <translation>创建空项目</translation>
    </message>
    <message>
        <location filename="../app/cli/PredictCommand.cpp" line="+39"/>
        <source>%1 holds no files.</source>
        <translation>%1 中没有文件。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>JSONL with a &quot;text&quot; field, or plain text lines. Image projects: a folder of images, one image, or a list of image paths, one per line.</source>
        <translation>带有 &quot;text&quot; 字段的 JSONL，或纯文本行。图像项目：一个图像文件夹、一张图像，或每行一个图像路径的列表。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print one JSON object per input line.</source>
        <translation>每个输入行输出一个 JSON 对象。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Apply the latest model to new text: one line per input with the label and its confidence.</source>
        <translation>用最新模型标注新文本：每行输入对应输出一行，包含标签及其置信度。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>expected a PROJECT path and a FILE.</source>
        <translation>需要一个 PROJECT 路径和一个 FILE。</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>label new text with the latest model</source>
        <translation>用最新模型标注新文本</translation>
    </message>
    <message>
        <location filename="../app/cli/RankCommand.cpp" line="-15"/>
        <source>Query strategy: %1; span labeling: %2 (default: the latest run&apos;s).</source>
        <translation>查询策略：%1；片段标注：%2（默认：最近一次运行所用的策略）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>How many samples to list (default 10).</source>
        <translation>要列出的样本数（默认 10）。</translation>
    </message>
    <message>
        <location filename="../app/cli/AuditCommand.cpp" line="-15"/>
        <source>How many samples to list (default 20).</source>
        <translation>要列出的样本数（默认 20）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cross-validation folds (default 5).</source>
        <translation>交叉验证的折数（默认 5）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../app/cli/RankCommand.cpp" line="+2"/>
        <source>Print one JSON object per sample.</source>
        <translation>每个样本输出一个 JSON 对象。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Find labels that are probably wrong: every labeled sample is scored by a model trained without it (k-fold cross-validation), and confident learning flags the samples whose label the model confidently contradicts. Lists flagged samples first (the label suggested, then the given one&apos;s probability), then the least confident others.</source>
        <translation>找出可能有误的标签：每个已标注样本都由未见过它的模型打分（k 折交叉验证），置信学习会标记出模型有把握地否定其标签的样本。先列出被标记的样本（建议的标签，以及所给标签的概率），再列出其余置信度最低的样本。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>--top needs a whole number of at least 1.</source>
        <translation>--top 需要一个至少为 1 的整数。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--folds needs a whole number from 2 to 20.</source>
        <translation>--folds 需要一个 2 到 20 之间的整数。</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>flagged</source>
        <translation>已标记</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 of %2 labeled sample(s) flagged as likely label errors.</source>
        <translation>%2 个已标注样本中有 %1 个被标记为可能的标注错误。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>find labels that are probably wrong (confident learning)</source>
        <translation>找出可能有误的标签（置信学习）</translation>
    </message>
    <message>
        <location filename="../app/cli/RankCommand.cpp" line="+5"/>
        <source>List the unlabeled samples to label next, most informative first.</source>
        <translation>列出接下来要标注的未标注样本，信息量最大的排在最前。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>--top expects a positive number.</source>
        <translation>--top 需要一个正数。</translation>
    </message>
    <message>
        <location line="+8"/>
        <location filename="../app/cli/SimulateCommand.cpp" line="+131"/>
        <location filename="../app/cli/TrainCommand.cpp" line="+22"/>
        <source>unknown strategy &quot;%1&quot;.</source>
        <translation>未知的查询策略“%1”。</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Every pool sample is labeled.
</source>
        <translation>样本池中的所有样本都已标注。
</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>list the samples to label next with their scores</source>
        <translation>列出接下来要标注的样本及其分数</translation>
    </message>
    <message>
        <location filename="../app/cli/SimulateCommand.cpp" line="-93"/>
        <source>Labeled JSONL (&quot;text&quot; and &quot;label&quot; or &quot;labels&quot;); with --task image, a folder with one subfolder of images per label.</source>
        <translation>已标注的 JSONL（&quot;text&quot; 与 &quot;label&quot; 或 &quot;labels&quot;）；使用 --task image 时为一个文件夹，每个标签一个存放图像的子文件夹。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Labeled JSONL to evaluate on.</source>
        <translation>用于评估的已标注 JSONL。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Share of POOL held out for evaluation when --eval is not given (default 0.2).</source>
        <translation>未指定 --eval 时，从 POOL 中留作评估的比例（默认 0.2）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Query strategy: %1.</source>
        <translation>查询策略：%1。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Random labels to start with (default 25).</source>
        <translation>开始时随机揭示的标签数（默认 25）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Labels revealed per round (default 25).</source>
        <translation>每轮揭示的标签数（默认 25）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop at this many labels (default 600).</source>
        <translation>标签数达到此值时停止（默认 600）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Independent repeats averaged (default 1).</source>
        <translation>独立重复次数，结果取平均（默认 1）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../app/cli/TrainCommand.cpp" line="-34"/>
        <source>Random seed (default 42).</source>
        <translation>随机种子（默认 42）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print the result as one JSON object.</source>
        <translation>将结果输出为一个 JSON 对象。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>textcat (default) or ner: POOL and EVAL hold tagged sentences (CoNLL or JSONL with &quot;tokens&quot; and &quot;tags&quot;), strategies: %1.</source>
        <translation>textcat（默认）或 ner：POOL 和 EVAL 中为带标记的句子（CoNLL，或含“tokens”和“tags”字段的 JSONL），查询策略：%1。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Or image: POOL and EVAL are folders with one subfolder of images per label.</source>
        <translation>或图像：POOL 和 EVAL 是文件夹，每个标签一个图像子文件夹。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>With --task image: mirror training images left to right (not for digits or text, where a mirrored image is another class).</source>
        <translation>配合 --task image：训练时将图像左右镜像（不适用于数字或文字，镜像后会成为另一类）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Learn word vectors from the pool&apos;s text (not the labels, not the eval data) before the first round, as &apos;marginalia pretrain&apos; does for a project.</source>
        <translation>在第一轮之前从池中文本（不用标签，不用评估数据）学习词向量，与 &apos;marginalia pretrain&apos; 对项目所做的相同。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A TorchScript text encoder (.pt) whose features a classifier head (or, with --task ner, a tagging head over its token states) learns from, instead of the built-in model. The file runs as code.</source>
        <translation>一个 TorchScript 文本编码器（.pt），由分类头（或在 --task ner 时由基于其词元状态的标注头）从其特征中学习，取代内置模型。该文件会作为代码运行。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>With --encoder: train the encoder&apos;s own weights with the classifier or tagging head every round (much slower; meant for a GPU).</source>
        <translation>与 --encoder 一起使用：每一轮都连同分类头或标注头一起训练编码器自身的权重（慢得多；适合 GPU）。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>--encoder is for text.</source>
        <translation>--encoder 仅用于文本。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--finetune-encoder goes with --encoder.</source>
        <translation>--finetune-encoder 须与 --encoder 一起使用。</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>The encoder&apos;s WordPiece vocabulary (default: vocab.txt beside it).</source>
        <translation>编码器的 WordPiece 词表（默认：其旁边的 vocab.txt）。</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Word vectors (fastText .vec or .bin) the text classifier reads each text through.</source>
        <translation>文本分类器用来读取每段文本的词向量（fastText .vec 或 .bin）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>How --pretrain learns: skipgram or svd (default: as a new project does, see &apos;marginalia config&apos;).</source>
        <translation>--pretrain 的学习方式：skipgram 或 svd（默认与新项目相同，见 &apos;marginalia config&apos;）。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Simulate active learning with an oracle: the pool&apos;s gold labels are revealed only for the samples the strategy picks, and the model is scored on the eval data after each round.</source>
        <translation>用模拟标注者模拟主动学习：样本池的真实标签只对策略选中的样本揭示，每轮结束后在评估数据上为模型打分。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>expected exactly one POOL file.</source>
        <translation>需要且只能指定一个 POOL 文件。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--strategy is required.</source>
        <translation>必须指定 --strategy。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>give either --eval or --eval-fraction, not both.</source>
        <translation>--eval 和 --eval-fraction 只能指定其一，不能同时指定。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--pretrain-method goes with --pretrain and expects skipgram or svd.</source>
        <translation>--pretrain-method 须与 --pretrain 一起使用，取值为 skipgram 或 svd。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>give either --vectors or --pretrain, not both.</source>
        <translation>请给出 --vectors 或 --pretrain 之一，不要同时给出。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--task expects textcat, ner or image.</source>
        <translation>--task 应为 textcat、ner 或 image。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--flip is for --task image.</source>
        <translation>--flip 仅用于 --task image。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--vectors and --pretrain are for text.</source>
        <translation>--vectors 和 --pretrain 仅用于文本。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--vocab goes with --encoder.</source>
        <translation>--vocab 需与 --encoder 一起使用。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--vectors and --pretrain start the built-in model; --encoder replaces it.</source>
        <translation>--vectors 和 --pretrain 用于初始化内置模型；--encoder 则取代它。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--vectors is for text classification; --pretrain works for tagging too.</source>
        <translation>--vectors 仅用于文本分类；--pretrain 也适用于序列标注。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>--seed-size, --batch, --budget and --repeats expect positive numbers, --seed a non-negative one.</source>
        <translation>--seed-size、--batch、--budget 和 --repeats 需要正数，--seed 需要非负数。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>--eval-fraction expects a number between 0 and 1.</source>
        <translation>--eval-fraction 需要一个 0 到 1 之间的数。</translation>
    </message>
    <message>
        <location line="+39"/>
        <location line="+8"/>
        <source>skipped %1</source>
        <translation>已跳过 %1</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>pretraining: vectors for %1 words from %2 tokens of the pool in %3 s
</source>
        <translation>预训练：用池中 %2 个词元在 %3 秒内得到 %1 个词的向量
</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>strategy %1; full data (%2 labels): macro-F1 %3, micro-F1 %4, accuracy %5
</source>
        <translation>策略 %1；全部数据（%2 个标签）：宏平均 F1 %3，微平均 F1 %4，准确率 %5
</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>labels  macro-F1  micro-F1  accuracy  seconds
</source>
        <translation>标签数  宏平均F1  微平均F1    准确率  耗时/秒
</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>labels to reach 95% of full-data macro-F1: %1
</source>
        <translation>达到全部数据宏平均 F1 的 95% 所需的标签数：%1
</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <source>not reached</source>
        <translation>未达到</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>labels to reach 95% of full-data token accuracy: %1
</source>
        <translation>达到全部数据词元准确率的 95% 所需的标签数：%1
</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>simulate active learning on labeled data with an oracle</source>
        <translation>在已标注数据上用模拟标注者模拟主动学习</translation>
    </message>
    <message>
        <location filename="../app/cli/StatsCommand.cpp" line="+35"/>
        <source>show counts of samples, labels and the last model run</source>
        <translation>显示样本数、标签数和最近一次模型训练轮次</translation>
    </message>
    <message>
        <location filename="../app/cli/TrainCommand.cpp" line="-4"/>
        <source>Query strategy for the new ranking: %1; span labeling: %2.</source>
        <translation>新排序使用的查询策略：%1；片段标注：%2。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Print the evaluation report as JSON.</source>
        <translation>以 JSON 格式输出评估报告。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Train the model on the labeled pool samples now, rank the unlabeled pool and print a classification report on the eval split.</source>
        <translation>立即用样本池中已标注的样本训练模型，对样本池中未标注的样本排序，并输出评估集上的分类报告。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Using the default instead: %1
</source>
        <translation>改用默认值：%1
</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--seed expects a non-negative integer.</source>
        <translation>--seed 需要一个非负整数。</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>run #%1: %2 training labels, %3 eval labels, %4 s on %5
</source>
        <translation>运行 #%1：%2 个训练标签，%3 个评估标签，在 %5 上耗时 %4 秒
</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No labeled eval samples: nothing to report.
</source>
        <translation>没有已标注的评估样本：无可报告的内容。
</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Entities
</source>
        <translation>实体
</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>
Tokens
</source>
        <translation>
词元
</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The model&apos;s predictions have stopped changing; more labels may not help much.
</source>
        <translation>模型的预测已不再变化；更多标签可能帮助不大。
</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>train the model now and print a report on the eval split</source>
        <translation>立即训练模型并输出评估集上的报告</translation>
    </message>
    <message>
        <location filename="../app/cli/CommandRegistry.cpp" line="+18"/>
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
        <location line="+5"/>
        <source>
Run &apos;marginalia COMMAND --help&apos; for a command&apos;s options.
Exit status: 0 success, 1 usage error, 2 data error.
</source>
        <translation>
运行 &apos;marginalia COMMAND --help&apos; 查看某个命令的选项。
退出状态：0 成功，1 用法错误，2 数据错误。
</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>marginalia: unknown command &apos;%1&apos;. Run &apos;marginalia --help&apos; for the list.</source>
        <translation>marginalia：未知命令“%1”。运行 &apos;marginalia --help&apos; 查看命令列表。</translation>
    </message>
    <message>
        <location filename="../app/cli/ConfigCommand.cpp" line="+39"/>
        <source>List the project&apos;s settings, show one (KEY) or change one (KEY VALUE). Settings:</source>
        <translation>列出项目的设置，显示一项（KEY）或修改一项（KEY VALUE）。设置：</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>a query strategy</source>
        <translation>一种查询策略</translation>
    </message>
    <message>
        <location line="+8"/>
        <source> (read-only)</source>
        <translation>（只读）</translation>
    </message>
    <message>
        <location filename="../app/cli/AgreementCommand.cpp" line="-63"/>
        <location filename="../app/cli/AuditCommand.cpp" line="-76"/>
        <location filename="../app/cli/ConfigCommand.cpp" line="+9"/>
        <location filename="../app/cli/EngineCommand.cpp" line="-19"/>
        <location filename="../app/cli/ExportCommand.cpp" line="-84"/>
        <location filename="../app/cli/ImportCommand.cpp" line="-162"/>
        <location filename="../app/cli/PredictCommand.cpp" line="-50"/>
        <location filename="../app/cli/PretrainCommand.cpp" line="-23"/>
        <location filename="../app/cli/PushCommand.cpp" line="+21"/>
        <location filename="../app/cli/RankCommand.cpp" line="-92"/>
        <location filename="../app/cli/ReviewCommand.cpp" line="-20"/>
        <location filename="../app/cli/StatsCommand.cpp" line="-42"/>
        <location filename="../app/cli/TrainCommand.cpp" line="-95"/>
        <source>The project file.</source>
        <translation>项目文件。</translation>
    </message>
    <message>
        <location filename="../app/cli/ConfigCommand.cpp" line="+1"/>
        <source>A setting to show or change.</source>
        <translation>要显示或修改的设置。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Its new value.</source>
        <translation>它的新值。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print values as JSON.</source>
        <translation>以 JSON 输出值。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>expected PROJECT, optionally a KEY and a VALUE.</source>
        <translation>需要 PROJECT，可选 KEY 和 VALUE。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>there is no setting &quot;%1&quot;.</source>
        <translation>没有名为“%1”的设置。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 = %2
</source>
        <translation>%1 = %2
</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: the stored value is not valid, the default applies (%2)
</source>
        <translation>%1：保存的值无效，采用默认值（%2）
</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>list, show or change the project&apos;s settings</source>
        <translation>列出、显示或修改项目的设置</translation>
    </message>
    <message>
        <location filename="../app/cli/ExportCommand.cpp" line="+1"/>
        <source>The file to write (a folder with --split-files).</source>
        <translation>要写入的文件（使用 --split-files 时为文件夹）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>jsonl (default), csv, label-studio (a JSON array of tasks that Label Studio imports with their annotations; the labeling config names its control &quot;label&quot; and its text &quot;text&quot;), prodigy (JSONL answers; rejected labels as &quot;answer&quot;: &quot;reject&quot;) or doccano (JSONL with &quot;label&quot; lists); span-labeling projects also conll (token&lt;TAB&gt;BIO tag per line, a blank line between sentences) and jsonl-tokens ({&quot;tokens&quot;, &quot;tags&quot;} with BIO tags). Their jsonl has {&quot;text&quot;, &quot;spans&quot;: [{&quot;start&quot;, &quot;end&quot;, &quot;label&quot;}]} with offsets in Unicode code points, and &quot;tokens&quot; when the sample has them. Image projects: jsonl and csv name each image in an &quot;image&quot; field (its path relative to the written file), and folders writes one folder per label into the new folder OUT (inside train, dev and test with --split-files), with the images hard-linked where possible, else copied.</source>
        <translation>jsonl（默认）、csv、label-studio（Label Studio 连同标注一起导入的 JSON 任务数组；标注配置中的控件名为 &quot;label&quot;，文本名为 &quot;text&quot;）、prodigy（JSONL 答案；被拒绝的标签记为 &quot;answer&quot;: &quot;reject&quot;）或 doccano（带 &quot;label&quot; 列表的 JSONL）；片段标注项目还可用 conll（每行一个 词元&lt;TAB&gt;BIO 标记，句子之间空一行）和 jsonl-tokens（带 BIO 标记的 {&quot;tokens&quot;, &quot;tags&quot;}）。其 jsonl 为 {&quot;text&quot;, &quot;spans&quot;: [{&quot;start&quot;, &quot;end&quot;, &quot;label&quot;}]}，偏移量以 Unicode 码位计，样本有词元时还带 &quot;tokens&quot;。图片项目：jsonl 和 csv 在 &quot;image&quot; 字段中写出每张图片（相对于写出文件的路径），folders 则在新文件夹 OUT 中为每个标签写一个文件夹（使用 --split-files 时分别位于 train、dev 和 test 中），图片尽可能使用硬链接，否则复制。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Write OUT/train, OUT/dev (a seeded share of the labeled pool) and OUT/test (the evaluation split).</source>
        <translation>写入 OUT/train、OUT/dev（按随机种子从样本池已标注样本中抽取的一部分）和 OUT/test（评估集）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Also write samples without a label.</source>
        <translation>同时写出没有标签的样本。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write each sample&apos;s &quot;meta&quot; object back and, in JSON Lines, how each label came about (&quot;provenance&quot;: source, annotator, origin, run, strategy, score, rank, seconds).</source>
        <translation>写回每个样本的 &quot;meta&quot; 对象；在 JSON Lines 中还写出每个标签的来历（&quot;provenance&quot;：来源、标注者、出处、轮次、策略、分数、排名、秒数）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Share of the labeled pool written to dev with --split-files (default 0.1).</source>
        <translation>使用 --split-files 时写入 dev 的样本池已标注样本比例（默认 0.1）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Seed for the dev split (default 13).</source>
        <translation>dev 划分的随机种子（默认 13）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export each sample&apos;s current annotation. Files are written under a temporary name and renamed into place.</source>
        <translation>导出每个样本的当前标注。文件先以临时名称写入，再重命名到目标位置。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>unknown format &apos;%1&apos;; use jsonl, csv, conll, jsonl-tokens, label-studio, prodigy, doccano or folders.</source>
        <translation>未知格式“%1”；请使用 jsonl、csv、conll、jsonl-tokens、label-studio、prodigy、doccano 或 folders。</translation>
    </message>
    <message>
        <location filename="../app/cli/BackupCommand.cpp" line="+22"/>
        <source>The project file (it may be open in the studio).</source>
        <translation>项目文件（可以正在标注工作室中打开）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The copy to write.</source>
        <translation>要写入的副本。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replace OUT if it exists.</source>
        <translation>若 OUT 已存在则替换它。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Copy a project into one self-contained file, also while the studio has it open and labels are being saved: the copy is the project as it was when the backup began. It is written under a temporary name, checked and renamed into place. An existing OUT is refused (exit status 2) unless --force is given.</source>
        <translation>将项目复制为一个独立的文件，工作室打开项目并在保存标注时也可以：副本是备份开始时的项目状态。副本先以临时名称写入，经检查后再重命名到位。已存在的 OUT 会被拒绝（退出状态 2），除非给出 --force。</translation>
    </message>
    <message>
        <location line="+7"/>
        <location filename="../app/cli/ExportCommand.cpp" line="-5"/>
        <source>expected PROJECT and OUT.</source>
        <translation>需要 PROJECT 和 OUT。</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../app/cli/PullCommand.cpp" line="+37"/>
        <location filename="../app/cli/PushCommand.cpp" line="+22"/>
        <source>copying</source>
        <translation>正在复制</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>copied %1 to %2</source>
        <translation>已将 %1 复制到 %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>copy a project into one file, also while it is in use</source>
        <translation>将项目复制为一个文件，使用中也可以</translation>
    </message>
    <message>
        <location filename="../app/cli/ExportCommand.cpp" line="+14"/>
        <source>--dev-fraction needs a number from 0 to below 1.</source>
        <translation>--dev-fraction 需要一个大于等于 0 且小于 1 的数。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../app/cli/ImportCommand.cpp" line="+86"/>
        <source>--seed needs a whole number.</source>
        <translation>--seed 需要一个整数。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>exporting</source>
        <translation>正在导出</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>note: skipped %1 sample(s) without any token, which the %2 format cannot hold</source>
        <translation>注意：已跳过 %1 个不含任何词元的样本，%2 格式无法容纳此类样本</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>exported %1 samples to %2</source>
        <translation>已将 %1 个样本导出到 %2</translation>
    </message>
    <message>
        <location filename="../app/cli/ImportCommand.cpp" line="-58"/>
        <source>The field holding an id kept with each sample.</source>
        <translation>存放 ID 的字段，该 ID 随样本一起保存。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hold out this share (0 to below 1) of the imported samples as the evaluation split, stratified by label.</source>
        <translation>将导入样本中的这一比例（大于等于 0 且小于 1）按标签分层留作评估集。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Seed for the evaluation split (default 13).</source>
        <translation>评估集划分的随机种子（默认 13）。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Do not print progress.</source>
        <translation>不输出进度。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>expected PROJECT and FILE.</source>
        <translation>需要 PROJECT 和 FILE。</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>How span-labeling tags are read: auto (default: BIOES where a sentence uses E-/S-, else BIO), bio, iob1 or bioes. All are stored as spans; a tag without a prefix (a POS tag) is a one-token span of that type.</source>
        <translation>片段标注的标记读取方式：auto（默认：句子中使用了 E-/S- 时按 BIOES，否则按 BIO）、bio、iob1 或 bioes。所有标记都会存储为片段；不带前缀的标记（如词性标记）视为该类型的单词元片段。</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>The file to import (UTF-8, with or without BOM). Image projects: a folder of images (one subfolder per label for labeled ones; images directly in it are unlabeled), or a CSV/JSONL file whose rows name an image in an &quot;image&quot; field (relative to the file) with an optional &quot;label&quot;.</source>
        <translation>要导入的文件（UTF-8，有无 BOM 均可）。图片项目：一个图片文件夹（已标注的图片按标签各放一个子文件夹；直接放在其中的图片为未标注），或一个 CSV/JSONL 文件，其每行在 &quot;image&quot; 字段中给出一张图片（相对于该文件的路径），&quot;label&quot; 可选。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>auto (default: from the extension and first bytes), jsonl, csv, tsv, txt, conll (span-labeling projects: one token per line, token in the first column, tag in the last, a blank line between sentences; .conll, .bio, .iob and .bioes files are detected), label-studio (its JSON, JSON-MIN or JSONL export; detected), prodigy (its JSONL answers; detected) or doccano (its JSONL; &quot;label&quot;: [] is unlabeled).</source>
        <translation>auto（默认：根据扩展名和开头的字节判断）、jsonl、csv、tsv、txt、conll（片段标注项目：每行一个词元，词元在第一列，标签在最后一列，句间空一行；可自动识别 .conll、.bio、.iob 和 .bioes 文件）、label-studio（其 JSON、JSON-MIN 或 JSONL 导出；可自动识别）、prodigy（其 JSONL 答案；可自动识别）或 doccano（其 JSONL；&quot;label&quot;: [] 表示未标注）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The field or column holding the text (Label Studio: the key in the task&apos;s data).</source>
        <translation>存放文本的字段或列（Label Studio：任务 data 中的键）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The field holding the label(s) (default: &quot;label&quot;, else &quot;labels&quot;). In CSV/TSV multi-label cells separate labels with &apos;|&apos;. Span-labeling projects read JSONL {&quot;tokens&quot;, &quot;tags&quot;} (default &quot;tags&quot;, else &quot;ner_tags&quot;), {&quot;text&quot;, &quot;spans&quot;: [{&quot;start&quot;, &quot;end&quot;, &quot;label&quot;}]} or {&quot;text&quot;, &quot;label&quot;: [[start, end, &quot;TYPE&quot;]]}, with offsets in Unicode code points. Label Studio&apos;s JSON-MIN: the control whose plain-string values are choices (default &quot;label&quot;, &quot;sentiment&quot; or &quot;choice&quot;).</source>
        <translation>存放标签的字段（默认 &quot;label&quot;，否则 &quot;labels&quot;）。CSV/TSV 的多标签单元格用 &apos;|&apos; 分隔标签。片段标注项目读取 JSONL {&quot;tokens&quot;, &quot;tags&quot;}（默认 &quot;tags&quot;，否则 &quot;ner_tags&quot;）、{&quot;text&quot;, &quot;spans&quot;: [{&quot;start&quot;, &quot;end&quot;, &quot;label&quot;}]} 或 {&quot;text&quot;, &quot;label&quot;: [[start, end, &quot;TYPE&quot;]]}，偏移量以 Unicode 码位计。Label Studio 的 JSON-MIN：取值为纯字符串的控件即为选项（默认 &quot;label&quot;、&quot;sentiment&quot; 或 &quot;choice&quot;）。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Stop at the first bad line with exit status 2 and leave the project unchanged. With another tool&apos;s format also stop at anything the project cannot use, and at labels outside the project&apos;s label set.</source>
        <translation>遇到第一个错误行即以退出状态 2 停止，项目保持不变。对其他工具的格式，遇到项目无法使用的内容或项目标签集之外的标签时也会停止。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Image projects: keep each image&apos;s bytes in the project file, which then works without the image folder (by default the project stores each image&apos;s path, relative to the project file, and a hash of its bytes).</source>
        <translation>图片项目：把每张图片的字节保存在项目文件中，这样项目无需图片文件夹也能使用（默认情况下项目只保存每张图片相对于项目文件的路径及其字节的哈希值）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Record the file&apos;s labels as NAME&apos;s. A row whose text is already in the project then adds NAME&apos;s labels to that sample instead of being skipped as a duplicate, so several people&apos;s files of the same texts can be compared (marginalia agreement).</source>
        <translation>将文件中的标签记为 NAME 的标签。文本已在项目中的行会把 NAME 的标签加到该样本上，而不是作为重复项跳过，这样就能比较多人对同一批文本的文件（marginalia agreement）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Import samples (and any labels) from JSONL, CSV, TSV, plain text, (span labeling) CoNLL, or Label Studio, Prodigy and doccano exports. Rows whose text is already in the project are skipped. Prints &apos;imported N, skipped M bad, D duplicates&apos;.</source>
        <translation>从 JSONL、CSV、TSV、纯文本、（片段标注）CoNLL，或 Label Studio、Prodigy 和 doccano 的导出文件导入样本（及其标签）。文本已在项目中的行会被跳过。输出“imported N, skipped M bad, D duplicates”。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>unknown format &apos;%1&apos;; use auto, jsonl, csv, tsv, txt, conll, label-studio, prodigy or doccano.</source>
        <translation>未知格式“%1”；请使用 auto、jsonl、csv、tsv、txt、conll、label-studio、prodigy 或 doccano。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>unknown tag scheme &apos;%1&apos;; use auto, bio, iob1 or bioes.</source>
        <translation>未知标记方案“%1”；请使用 auto、bio、iob1 或 bioes。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>--eval-fraction needs a number from 0 to below 1.</source>
        <translation>--eval-fraction 需要一个大于等于 0 且小于 1 的数。</translation>
    </message>
    <message>
        <location line="+9"/>
        <location filename="../app/cli/ReviewCommand.cpp" line="+38"/>
        <source>--annotator needs a name.</source>
        <translation>--annotator 需要一个名字。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source><byte value="xd"/>importing: %1 rows read (%2%)</source>
        <translation><byte value="xd"/>正在导入：已读取 %1 行（%2%）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>line %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(%1 more bad lines not shown)</source>
        <translation>（另有 %1 个错误行未显示）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>not used: %1, %2 time(s) (tasks %3)</source>
        <translation>未使用：%1，%2 次（任务 %3）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not used: %1, %2 time(s) (lines %3)</source>
        <translation>未使用：%1，%2 次（行 %3）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>note: added %1 new label(s) to the label set: %2</source>
        <translation>注意：已向标签集添加 %1 个新标签：%2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>imported %1, skipped %2 bad, %3 duplicates</source>
        <translation>已导入 %1 条，跳过 %2 条错误行，%3 条重复</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> (%1 labeled, %2 in the evaluation split)</source>
        <translation> （其中 %1 条已标注，%2 条在评估集中）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, %1 rejected label(s) recorded</source>
        <translation>，记录了 %1 个被拒绝的标签</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, labels added to %1 sample(s) already in the project</source>
        <translation>，已为项目中已有的 %1 个样本添加标签</translation>
    </message>
    <message>
        <location filename="../app/cli/StatsCommand.cpp" line="+1"/>
        <source>Print the figures as one JSON object.</source>
        <translation>以单个 JSON 对象输出各项数字。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show counts of samples, labels and the last model run.</source>
        <translation>显示样本数、标签数和最近一次模型训练轮次。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>task:        %1
</source>
        <translation>任务：       %1
</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>samples:     %1 (pool %2, eval %3)
</source>
        <translation>样本：       %1（样本池 %2，评估集 %3）
</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>labeled:     %1 (pool %2, eval %3)
</source>
        <translation>已标注：     %1（样本池 %2，评估集 %3）
</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>flagged:     %1
</source>
        <translation>已加旗标：   %1
</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>labels:
</source>
        <translation>标签：
</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>last run:    #%1 %2, %3 training labels, accuracy %4
</source>
        <translation>最近训练：   #%1 %2，%3 个训练标签，准确率 %4
</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>last run:    none
</source>
        <translation>最近训练：   无
</translation>
    </message>
    <message>
        <location filename="../app/EngineLoader.cpp" line="+48"/>
        <source>The model engine could not be loaded, so training and scoring are unavailable:%1</source>
        <translation>无法加载模型引擎，因此训练和打分不可用：%1</translation>
    </message>
    <message>
        <location filename="../app/cli/PretrainCommand.cpp" line="+2"/>
        <source>skipgram: from the words around each word (fastText; a minute or more), or svd: from the samples words share (seconds). Default: the project&apos;s setting model.pretrain_method.</source>
        <translation>skipgram：从每个词周围的词学习（fastText；一分钟或更久），或 svd：从词语共同出现的样本学习（几秒）。默认：项目设置 model.pretrain_method。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Skip-gram&apos;s passes over the text (default: from 30 for a small pool down to 3 for a large one, fewer with the wider window of text classification).</source>
        <translation>skip-gram 遍历文本的次数（默认：小样本池最多 30 次，大样本池最少 3 次；文本分类的上下文窗口更宽，遍历次数更少）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Threads to learn with (default 2).</source>
        <translation>学习所用的线程数（默认 2）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print what was learned as one JSON object.</source>
        <translation>以一个 JSON 对象输出学到的内容。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Learning word vectors is for text; this project labels images.</source>
        <translation>词向量学习仅适用于文本；此项目标注的是图像。</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>--method expects skipgram or svd.</source>
        <translation>--method 的取值为 skipgram 或 svd。</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Learn word vectors from the text of the project&apos;s pool samples, labeled or not, and keep them in the project: the next training rounds start from them (setting model.pool_vectors, on by default).</source>
        <translation>从项目样本池中样本（无论是否已标注）的文本中学习词向量并保存在项目中：之后的训练轮次将从这些词向量开始（设置 model.pool_vectors，默认开启）。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>--epochs expects 1 to 100, --threads 1 to 64.</source>
        <translation>--epochs 应为 1 到 100，--threads 应为 1 到 64。</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Learned %1-dimensional vectors for %2 words from %3 samples (%4 tokens) in %5 s.
</source>
        <translation>已从 %3 个样本（%4 个词元）学习了 %2 个词的 %1 维向量，用时 %5 秒。
</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Training rounds start from them once the setting model.pool_vectors is on (marginalia config PROJECT model.pool_vectors true).
</source>
        <translation>开启设置 model.pool_vectors 后，训练轮次将以这些词向量为起点（marginalia config PROJECT model.pool_vectors true）。
</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Training rounds read the word vector file or text encoder the project names instead; they start from these once model.pretrained_vectors and model.text_encoder are empty.
</source>
        <translation>训练轮次改为读取项目指定的词向量文件或文本编码器；清空 model.pretrained_vectors 和 model.text_encoder 后，才会以这些词向量为起点。
</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>learn word vectors from the project&apos;s unlabeled text</source>
        <translation>从项目的未标注文本学习词向量</translation>
    </message>
    <message>
        <location filename="../app/cli/ReviewCommand.cpp" line="-49"/>
        <source>%1 sample(s) labeled by several annotators or reviewed: %2 with a disagreement, %3 reviewed
</source>
        <translation>%1 个样本由多位标注者标注或已审核：%2 个存在分歧，%3 个已审核
</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>List every sample labeled by several annotators or reviewed, not only those waiting for a review.</source>
        <translation>列出所有由多位标注者标注或已审核的样本，而不仅是等待审核的样本。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Set the final label of sample ID.</source>
        <translation>设置样本 ID 的最终标签。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The final label (repeat for a multi-label sample).</source>
        <translation>最终标签（多标签样本可重复此选项）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Who reviews (default: the login name).</source>
        <translation>审核者（默认：登录名）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Review the samples annotators disagree on. Without --sample, lists them with the label each one trains on and why (reviewed, majority, tie, single). With --sample and --label, sets a reviewer&apos;s final label; every earlier label stays in the sample&apos;s history.</source>
        <translation>审核标注者意见不一致的样本。不带 --sample 时，列出这些样本、每个样本用于训练的标签及其依据（已审核、多数、平票、单人）。带 --sample 和 --label 时，设置审核者的最终标签；之前的每个标签都保留在样本的历史中。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>--sample and --label go together.</source>
        <translation>--sample 和 --label 必须一起使用。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Span labels are reviewed in the studio, not with --label.</source>
        <translation>片段标签在工作室中审核，不能用 --label。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--sample needs a sample id.</source>
        <translation>--sample 需要一个样本 ID。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Sample %1 now trains on %2 (reviewed by %3).
</source>
        <translation>样本 %1 现在以 %2 训练（由 %3 审核）。
</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>list disagreements between annotators, or set a reviewer&apos;s final label</source>
        <translation>列出标注者之间的分歧，或设置审核者的最终标签</translation>
    </message>
    <message>
        <location filename="../app/cli/EngineCommand.cpp" line="+2"/>
        <source>Retrain after this many new labels (default: the project&apos;s studio.retrain_interval).</source>
        <translation>在有这么多新标签后重新训练（默认：项目的 studio.retrain_interval）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How often to look for new labels, in ms (default 2000).</source>
        <translation>检查新标签的间隔，毫秒（默认 2000）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop after this many rounds (default: run until stopped).</source>
        <translation>训练这么多轮后停止（默认：一直运行直到被停止）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Run the training loop for a project as a service: retrain when enough new labels have arrived, rank the pool and store the run, until stopped (Ctrl+C). Studios on the project show its runs and leave training to it.</source>
        <translation>将项目的训练循环作为服务运行：有足够多的新标签时重新训练、对样本池排序并保存运行结果，直到被停止（Ctrl+C）。打开该项目的工作室会显示它的运行结果，并把训练交给它。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>--poll needs a number of milliseconds from 50 to 600000.</source>
        <translation>--poll 需要 50 到 600000 之间的毫秒数。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--rounds needs a whole number of at least 1.</source>
        <translation>--rounds 需要至少为 1 的整数。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>--every needs a whole number of at least 1.</source>
        <translation>--every 需要至少为 1 的整数。</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>Engine on %1: retraining after %n new label(s); Ctrl+C stops.</source>
        <translation>
            <numerusform>引擎运行于 %1：每 %n 个新标签后重新训练；按 Ctrl+C 停止。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+42"/>
        <source>The round failed: %1</source>
        <translation>本轮训练失败：%1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>macro-F1 %1</source>
        <translation>宏平均 F1 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no labeled eval samples to judge it on</source>
        <translation>没有已标注的评估样本可用于评判</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>run #%1: %2 training labels, %3 eval labels, %4, %5 s
</source>
        <translation>运行 #%1：%2 个训练标签，%3 个评估标签，%4，%5 秒
</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>Engine stopped after %n round(s).</source>
        <translation>
            <numerusform>引擎在 %n 轮后停止。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>run the training loop as a service: retrain as labels arrive</source>
        <translation>将训练循环作为服务运行：随新标签到来重新训练</translation>
    </message>
    <message>
        <location filename="../app/cli/PullCommand.cpp" line="-16"/>
        <location filename="../app/cli/PushCommand.cpp" line="-20"/>
        <source>postgresql://[user[:password]@][host][:port]/DATABASE?project=NAME (a password is better given in PGPASSWORD or ~/.pgpass).</source>
        <translation>postgresql://[用户[:密码]@][主机][:端口]/数据库?project=名称（密码最好通过 PGPASSWORD 或 ~/.pgpass 提供）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The new project file.</source>
        <translation>新的项目文件。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copy a whole project from a PostgreSQL server into a new project file, which appears only once it is complete.</source>
        <translation>将整个项目从 PostgreSQL 服务器复制到新的项目文件中；文件只在完整后才出现。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>expected a server URL and a new project FILE.</source>
        <translation>需要一个服务器 URL 和一个新的项目文件。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 rows in %2 tables copied from %3.</source>
        <translation>已从 %3 复制 %2 个表中的 %1 行。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>copy a project from a PostgreSQL server into a new file</source>
        <translation>将项目从 PostgreSQL 服务器复制到新文件</translation>
    </message>
    <message>
        <location filename="../app/cli/PushCommand.cpp" line="+2"/>
        <source>Replace a project of the same name on the server.</source>
        <translation>替换服务器上的同名项目。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Copy a whole project (samples, every annotation version, settings, runs and models) onto a PostgreSQL server, in one transaction: it is there whole, or not at all.</source>
        <translation>在一个事务中将整个项目（样本、每个标注版本、设置、运行记录和模型）复制到 PostgreSQL 服务器：要么完整存在，要么完全没有。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>expected a project FILE and a server URL.</source>
        <translation>需要一个项目文件和一个服务器 URL。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 rows in %2 tables copied to %3.</source>
        <translation>已将 %2 个表中的 %1 行复制到 %3。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>copy a project onto a PostgreSQL server</source>
        <translation>将项目复制到 PostgreSQL 服务器</translation>
    </message>
    <message>
        <location filename="../app/cli/TeamCommand.cpp" line="+24"/>
        <source>add or list.</source>
        <translation>add 或 list。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>postgresql://…/DATABASE?project=NAME (see push).</source>
        <translation>postgresql://…/数据库?project=名称（见 push）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>add: the person&apos;s login name on the server.</source>
        <translation>add：此人在服务器上的登录名。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>add: owner, reviewer or annotator.</source>
        <translation>add：owner、reviewer 或 annotator。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>list: print one JSON object.</source>
        <translation>list：输出一个 JSON 对象。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Who may do what in a project on a PostgreSQL server, enforced by the server (grants and row-level security): owners change everything; reviewers read every label and set final ones; annotators add labels of their own and do not see others&apos; labels of an overlap sample before it is reviewed. &apos;add&apos; creates the login role if needed (set its password, if any, on the server) and needs an administrator&apos;s connection.</source>
        <translation>PostgreSQL 服务器上项目的权限，由服务器强制执行（授权与行级安全）：所有者可更改一切；审核者可读取所有标签并设置最终标签；标注者只能添加自己的标签，在审核之前看不到其他人对重叠样本的标签。“add”会在需要时创建登录角色（如需密码，请在服务器上设置），并且需要管理员的连接。</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+16"/>
        <source>expected add URL NAME --role ROLE, or list URL.</source>
        <translation>需要 add URL 名称 --role 角色，或 list URL。</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>add needs the person&apos;s NAME.</source>
        <translation>add 需要此人的名称。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--role needs owner, reviewer or annotator.</source>
        <translation>--role 需要 owner、reviewer 或 annotator。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is now %2 of %3.</source>
        <translation>%1 现在是 %3 的 %2。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>who may do what in a project on a PostgreSQL server</source>
        <translation>PostgreSQL 服务器上项目的权限</translation>
    </message>
</context>
<context>
    <name>Demo</name>
    <message>
        <location filename="../ui/DemoProject.cpp" line="+38"/>
        <source>The demo data is missing from this build.</source>
        <translation>此版本中缺少演示数据。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Demo: customer messages (English / 中文)</source>
        <translation>演示：客户留言（English / 中文）</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Could not create the folder %1.</source>
        <translation>无法创建文件夹 %1。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Could not move the demo project into place at %1.</source>
        <translation>无法将演示项目移动到 %1。</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <location filename="../core/io/Exporter.cpp" line="+36"/>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+139"/>
        <location line="+28"/>
        <location filename="../core/io/ImageFolderExport.cpp" line="+53"/>
        <source>Writing %1 failed: %2</source>
        <translation>写入 %1 失败：%2</translation>
    </message>
    <message>
        <location line="-128"/>
        <source>Image projects export jsonl, csv or folders.</source>
        <translation>图片项目可导出为 jsonl、csv 或 folders。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unknown export format &quot;%1&quot;; use jsonl, csv, conll, jsonl-tokens, label-studio, prodigy or doccano.</source>
        <translation>未知的导出格式“%1”；请使用 jsonl、csv、conll、jsonl-tokens、label-studio、prodigy 或 doccano。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The %1 format holds tagged tokens; only span-labeling (ner) projects export it.</source>
        <translation>%1 格式保存的是带标记的词元；只有片段标注（ner）项目可以导出此格式。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../core/io/ImageFolderExport.cpp" line="+11"/>
        <source>The dev fraction must be at least 0 and below 1.</source>
        <translation>dev 比例必须大于等于 0 且小于 1。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>%1 is a file; --split-files needs a folder.</source>
        <translation>%1 是文件；--split-files 需要一个文件夹。</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../core/io/ImageFolderExport.cpp" line="+9"/>
        <location line="+40"/>
        <source>Cannot create the folder %1.</source>
        <translation>无法创建文件夹 %1。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 is a folder; give a file name, or use --split-files.</source>
        <translation>%1 是文件夹；请给出文件名，或使用 --split-files。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 is the project itself; choose another name for the export.</source>
        <translation>%1 就是项目本身；请为导出文件另选一个名称。</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>The export was cancelled; no file was written.</source>
        <translation>导出已取消；未写入任何文件。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Saving %1 failed: %2</source>
        <translation>保存 %1 失败：%2</translation>
    </message>
    <message>
        <location filename="../core/io/ExportRowFormatterSpans.cpp" line="+65"/>
        <source>Sample %1: &quot;%2&quot; holds whitespace or a document marker, which a CoNLL file cannot; export as jsonl or jsonl-tokens instead.</source>
        <translation>样本 %1：“%2”包含空白字符或文档标记，CoNLL 文件无法保存；请改为导出 jsonl 或 jsonl-tokens。</translation>
    </message>
    <message>
        <location filename="../core/io/ImageFolderExport.cpp" line="-51"/>
        <source>Only image projects export image folders.</source>
        <translation>只有图片项目才能导出图片文件夹。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 already exists; image folders are written into a new or empty folder.</source>
        <translation>%1 已存在；图片文件夹只能写入新的或空的文件夹。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>The export was cancelled; no folder was written.</source>
        <translation>导出已取消；没有写出任何文件夹。</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Cannot move the exported folders to %1.</source>
        <translation>无法将导出的文件夹移动到 %1。</translation>
    </message>
</context>
<context>
    <name>Images</name>
    <message>
        <location filename="../core/io/ImageReader.cpp" line="+35"/>
        <source>%1: not a file.</source>
        <translation>%1：不是文件。</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>%1: the file is %2 MB; images of at most %3 MB are read.</source>
        <translation>%1：文件大小为 %2 MB；只读取不超过 %3 MB 的图像。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1: cannot be read (%2).</source>
        <translation>%1：无法读取（%2）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: not an image this build can read.</source>
        <translation>%1：不是本程序能读取的图像。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: the image header gives no size.</source>
        <translation>%1：图像头部没有给出尺寸。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: the image declares %2 x %3 pixels; images of at most %4 megapixels and %5 pixels a side are read.</source>
        <translation>%1：图像声明为 %2 x %3 像素；只读取不超过 %4 百万像素、每边不超过 %5 像素的图像。</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>%1: the image cannot be decoded (%2).</source>
        <translation>%1：无法解码该图像（%2）。</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>%1: not a folder.</source>
        <translation>%1：不是文件夹。</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>%1 holds no readable image in a class subfolder (one subfolder per label).</source>
        <translation>%1 的类别子文件夹中没有可读取的图像（每个标签一个子文件夹）。</translation>
    </message>
</context>
<context>
    <name>Import</name>
    <message>
        <location filename="../core/io/LineSource.cpp" line="+43"/>
        <source>Reading the file failed: %1</source>
        <translation>读取文件失败：%1</translation>
    </message>
    <message>
        <location filename="../core/io/DelimitedReader.cpp" line="+41"/>
        <location filename="../core/io/JsonlReader.cpp" line="+71"/>
        <location filename="../core/io/LabelStudioReader.cpp" line="+104"/>
        <location filename="../core/io/ProdigyReader.cpp" line="+137"/>
        <location filename="../core/io/TextLineReader.cpp" line="+24"/>
        <source>invalid UTF-8 (is the file in another encoding? save it as UTF-8)</source>
        <translation>无效的 UTF-8（文件是否使用了其他编码？请另存为 UTF-8）</translation>
    </message>
    <message>
        <location filename="../core/io/LineSource.cpp" line="-9"/>
        <source>Line %1 is longer than 256 MiB; is this a text file?</source>
        <translation>第 %1 行超过 256 MiB；这是文本文件吗？</translation>
    </message>
    <message>
        <location filename="../core/io/DelimitedReader.cpp" line="+23"/>
        <source>text after a closing quote (a quote inside a field must be doubled)</source>
        <translation>右引号后还有文本（字段内的引号必须写成两个）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>a quoted field is never closed</source>
        <translation>带引号的字段没有结束引号</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The file is empty; a header row is expected.</source>
        <translation>文件为空；需要一个表头行。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The header row (line %1) cannot be read: %2</source>
        <translation>无法读取表头行（第 %1 行）：%2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The header row has no column &quot;%1&quot; (it has: %2). Choose the text column with --text-field.</source>
        <translation>表头行中没有列“%1”（现有列：%2）。请用 --text-field 指定文本列。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The header row has no column &quot;%1&quot;.</source>
        <translation>表头行中没有列“%1”。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>the record has %1 fields; the header has %2</source>
        <translation>该记录有 %1 个字段；表头有 %2 个</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>the field &quot;%1&quot; is not a JSON object</source>
        <translation>字段“%1”不是 JSON 对象</translation>
    </message>
    <message>
        <location filename="../core/io/FormatDetector.cpp" line="+122"/>
        <source>Line 1: the file is UTF-32 encoded; only UTF-8 is supported. Save it as UTF-8 and import again.</source>
        <translation>第 1 行：文件为 UTF-32 编码；仅支持 UTF-8。请另存为 UTF-8 后重新导入。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Line 1: the file is UTF-16 encoded; only UTF-8 is supported. Save it as UTF-8 and import again.</source>
        <translation>第 1 行：文件为 UTF-16 编码；仅支持 UTF-8。请另存为 UTF-8 后重新导入。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Line %1: the file contains NUL bytes, so it is binary or UTF-16/32 encoded; only UTF-8 text is supported.</source>
        <translation>第 %1 行：文件包含 NUL 字节，可能是二进制文件或 UTF-16/32 编码；仅支持 UTF-8 文本。</translation>
    </message>
    <message>
        <location filename="../core/io/ImportWriter.cpp" line="+30"/>
        <source>&quot;%1&quot; is a label name, not tags or spans, which a span-labeling project needs</source>
        <translation>“%1”是标签名，而不是片段标注项目所需的标记或片段</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>%1 failed: %2</source>
        <translation>%1失败：%2</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The project&apos;s database connection is not SQLite.</source>
        <translation>项目的数据库连接不是 SQLite。</translation>
    </message>
    <message>
        <location line="+20"/>
        <location filename="../core/io/ImportWriterBulk.cpp" line="+146"/>
        <location line="+6"/>
        <source>Preparing the import</source>
        <translation>准备导入</translation>
    </message>
    <message>
        <location line="+25"/>
        <location filename="../core/io/ImportWriterBulk.cpp" line="+22"/>
        <source>Configuring the import</source>
        <translation>配置导入</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Starting the import</source>
        <translation>开始导入</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Indexing the imported samples</source>
        <translation>为导入的样本建立索引</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Indexing the imported text</source>
        <translation>为导入的文本建立索引</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Saving the import</source>
        <translation>保存导入结果</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Continuing the import</source>
        <translation>继续导入</translation>
    </message>
    <message>
        <location line="+221"/>
        <source>the label &quot;%1&quot; is not in the project&apos;s label set (strict mode adds no labels)</source>
        <translation>标签“%1”不在项目的标签集中（严格模式不添加标签）</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Recording a rejected label (line %1)</source>
        <translation>记录被拒绝的标签（第 %1 行）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Finding the sample of line %1</source>
        <translation>查找第 %1 行的样本</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Reading the labels of line %1</source>
        <translation>读取第 %1 行的标签</translation>
    </message>
    <message>
        <location filename="../core/io/SpanRecord.cpp" line="+34"/>
        <source>span %1 (%2–%3, %4)</source>
        <translation>片段 %1（%2–%3，%4）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>span %1 (%2–%3 &quot;%4&quot;, %5)</source>
        <translation>片段 %1（%2–%3“%4”，%5）</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>the token list is empty</source>
        <translation>词元列表为空</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>token %1 is empty</source>
        <translation>词元 %1 为空</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 tokens but %2 tags</source>
        <translation>有 %1 个词元，但有 %2 个标记</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>token %1 (&quot;%2&quot;) is not in the text</source>
        <translation>词元 %1（“%2”）不在文本中</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 has no label</source>
        <translation>%1 没有标签</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is out of range: the text has %2 characters (offsets count Unicode code points)</source>
        <translation>%1 超出范围：文本共有 %2 个字符（偏移量按 Unicode 码位计算）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 is empty</source>
        <translation>%1 为空</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 does not start where a token starts (offsets count Unicode code points)</source>
        <translation>%1 的起点不在词元的开头（偏移量按 Unicode 码位计算）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 does not end where a token ends (offsets count Unicode code points)</source>
        <translation>%1 的终点不在词元的结尾（偏移量按 Unicode 码位计算）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 and %2 overlap</source>
        <translation>%1 与 %2 重叠</translation>
    </message>
    <message>
        <location filename="../core/io/ImportWriter.cpp" line="-236"/>
        <location line="+25"/>
        <source>the text is empty</source>
        <translation>文本为空</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 labels (%2) in a single-label project</source>
        <translation>单标签项目中出现了 %1 个标签（%2）</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>an earlier annotation</source>
        <translation>较早的一条标注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the annotation of %1</source>
        <translation>%1 的标注</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: &quot;%2&quot; is a label name, not spans, which a span-labeling project needs</source>
        <translation>%1：“%2”是标签名而不是片段，而片段标注项目需要片段</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1: %2 labels (%3) in a single-label project</source>
        <translation>%1：单标签项目中有 %2 个标签（%3）</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>the row was not prepared for import</source>
        <translation>该行未做好导入准备</translation>
    </message>
    <message>
        <location filename="../core/io/ImportWriterBulk.cpp" line="+10"/>
        <source>Too many samples for one import (line %1).</source>
        <translation>单次导入的样本过多（第 %1 行）。</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>Saving the imported rows up to line %1</source>
        <translation>保存第 %1 行及之前导入的行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saving the imported rows</source>
        <translation>保存导入的行</translation>
    </message>
    <message>
        <location filename="../core/io/ImportWriter.cpp" line="+28"/>
        <source>Adding a sample (line %1)</source>
        <translation>添加样本（第 %1 行）</translation>
    </message>
    <message>
        <location line="-213"/>
        <location line="+18"/>
        <location line="+152"/>
        <source>Adding an annotation (line %1)</source>
        <translation>添加标注（第 %1 行）</translation>
    </message>
    <message>
        <location filename="../core/io/ImageImporter.cpp" line="+82"/>
        <location filename="../core/io/Importer.cpp" line="+75"/>
        <location filename="../core/io/TaggedFile.cpp" line="+38"/>
        <source>Cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: an image list must be CSV, TSV or JSONL with an &quot;image&quot; field.</source>
        <translation>%1：图片列表必须是带 &quot;image&quot; 字段的 CSV、TSV 或 JSONL。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: cannot read this file.</source>
        <translation>%1：无法读取此文件。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the row names no image (an &quot;image&quot; field is needed)</source>
        <translation>该行没有给出图片（需要 &quot;image&quot; 字段）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: an image takes one label, the row gives %2</source>
        <translation>%1：一张图片只能有一个标签，该行给出了 %2 个</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+2"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1: no such file.</source>
        <translation>%1：文件不存在。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: the file is %2 MB; images of at most %3 MB are read.</source>
        <translation>%1：文件大小为 %2 MB；只读取不超过 %3 MB 的图片。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: cannot be read (%2).</source>
        <translation>%1：无法读取（%2）。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Images can only be imported into an image classification project.</source>
        <translation>图片只能导入到图片分类项目中。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: no such file or folder.</source>
        <translation>%1：文件或文件夹不存在。</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>%1 Nothing was imported (strict mode).</source>
        <translation>%1 未导入任何内容（严格模式）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 holds no images (a folder of images, with one subfolder per label for labeled ones).</source>
        <translation>%1 中没有图片（应为图片文件夹，已标注的图片按标签各放一个子文件夹）。</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>%1 changed while it was being imported; nothing was imported.</source>
        <translation>%1 在导入过程中被修改；未导入任何内容。</translation>
    </message>
    <message>
        <location filename="../core/io/Importer.cpp" line="-35"/>
        <source>Line %1 (task %2)</source>
        <translation>第 %1 行（任务 %2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Line %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Unknown format &quot;%1&quot;; use auto, jsonl, csv, tsv, txt, conll, label-studio, prodigy or doccano.</source>
        <translation>未知格式“%1”；请使用 auto、jsonl、csv、tsv、txt、conll、label-studio、prodigy 或 doccano。</translation>
    </message>
    <message>
        <location filename="../core/io/ImageImporter.cpp" line="-98"/>
        <location filename="../core/io/Importer.cpp" line="+33"/>
        <source>The evaluation fraction must be at least 0 and below 1.</source>
        <translation>评估集比例必须大于等于 0 且小于 1。</translation>
    </message>
    <message>
        <location filename="../core/io/Importer.cpp" line="+6"/>
        <source>%1 is a CoNLL file of tagged tokens; import it into a span-labeling (ner) project.</source>
        <translation>%1 是带标记词元的 CoNLL 文件；请将其导入片段标注（ner）项目。</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>%1: %2 cannot be used. Nothing was imported (strict mode).</source>
        <translation>%1：无法使用 %2。未导入任何内容（严格模式）。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>labels of a text imported before (skipped with the duplicate text)</source>
        <translation>之前已导入文本的标签（随重复文本一起跳过）</translation>
    </message>
    <message>
        <location filename="../core/io/ImageImporter.cpp" line="+22"/>
        <location filename="../core/io/Importer.cpp" line="+8"/>
        <source>Line %1: %2. Nothing was imported (strict mode).</source>
        <translation>第 %1 行：%2。未导入任何内容（严格模式）。</translation>
    </message>
    <message>
        <location filename="../core/io/Importer.cpp" line="+26"/>
        <source>%1 (The first %2 samples, saved before the error, stay in the project.)</source>
        <translation>%1（出错前已保存的前 %2 个样本仍保留在项目中。）</translation>
    </message>
    <message>
        <location filename="../core/io/JsonlSpanFields.cpp" line="+40"/>
        <source>span %1 is %2, not an object or a list</source>
        <translation>片段 %1 是%2，不是对象或列表</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>span %1 needs a start, an end and a label</source>
        <translation>片段 %1 需要起点、终点和标签</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>span %1: start and end must be whole numbers</source>
        <translation>片段 %1：起点和终点必须是整数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>span %1: the label is %2, not a string</source>
        <translation>片段 %1：标签是%2，不是字符串</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the field &quot;%1&quot; needs a &quot;%2&quot; list</source>
        <translation>字段“%1”需要一个“%2”列表</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>tag %1 in &quot;%2&quot; is %3, not a string (tag ids need their names)</source>
        <translation>“%2”中的标记 %1 是%3，不是字符串（标记 ID 需要对应的名称）</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>a list</source>
        <translation>列表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>an object</source>
        <translation>对象</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a string</source>
        <translation>字符串</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a number</source>
        <translation>数字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>true/false</source>
        <translation>布尔值（true/false）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>null</source>
        <translation>null</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>the field &quot;%1&quot; is %2, not a list of tags or spans</source>
        <translation>字段“%1”是%2，不是标记列表或片段列表</translation>
    </message>
    <message>
        <location filename="../core/io/JsonlReader.cpp" line="+4"/>
        <location filename="../core/io/LabelStudioReader.cpp" line="+2"/>
        <location filename="../core/io/ProdigyReader.cpp" line="+4"/>
        <source>invalid JSON (%1)</source>
        <translation>无效的 JSON（%1）</translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../core/io/ProdigyReader.cpp" line="+5"/>
        <source>the line is %1, not a JSON object</source>
        <translation>该行是%1，不是 JSON 对象</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>a Prodigy answer (&quot;answer&quot;: &quot;%1&quot;); import the file with --format prodigy</source>
        <translation>这是 Prodigy 的答案（&quot;answer&quot;: &quot;%1&quot;）；请用 --format prodigy 导入该文件</translation>
    </message>
    <message>
        <location line="+7"/>
        <location filename="../core/io/ProdigyReader.cpp" line="+12"/>
        <source>the field &quot;%1&quot; is %2, not a string</source>
        <translation>字段“%1”是%2，不是字符串</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../core/io/ProdigyReader.cpp" line="+5"/>
        <source>no &quot;%1&quot; field</source>
        <translation>缺少“%1”字段</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the field &quot;%1&quot; is %2, not a list</source>
        <translation>字段“%1”是%2，不是列表</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>a token in &quot;%1&quot; is %2, not a string</source>
        <translation>“%1”中的某个词元是%2，不是字符串</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>a label in &quot;%1&quot; is %2, not a string</source>
        <translation>“%1”中的某个标签是%2，不是字符串</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the field &quot;%1&quot; is %2, not a label name</source>
        <translation>字段“%1”是%2，不是标签名</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>the field &quot;%1&quot; is %2, not an object</source>
        <translation>字段“%1”是%2，不是对象</translation>
    </message>
    <message>
        <location filename="../core/io/ImportWriterBulk.cpp" line="-121"/>
        <location line="+9"/>
        <source>Reading the project&apos;s samples</source>
        <translation>读取项目的样本</translation>
    </message>
    <message>
        <location filename="../core/io/ConllReader.cpp" line="+80"/>
        <source>line %1: invalid UTF-8 (is the file in another encoding? save it as UTF-8)</source>
        <translation>第 %1 行：无效的 UTF-8（文件是否使用了其他编码？请另存为 UTF-8）</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>line %1 has a token but no tag column</source>
        <translation>第 %1 行有词元但没有标记列</translation>
    </message>
    <message>
        <location filename="../core/io/TaggedFile.cpp" line="+7"/>
        <source>%1 is not a CoNLL or JSONL file of tagged tokens.</source>
        <translation>%1 不是带标记词元的 CoNLL 或 JSONL 文件。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Line %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Line %1: the sentence has no tags</source>
        <translation>第 %1 行：该句子没有标记</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Line %1: the sentence has no tokens</source>
        <translation>第 %1 行：该句子没有词元</translation>
    </message>
    <message>
        <location filename="../core/io/TagScheme.cpp" line="+42"/>
        <source>token %1 (line %2)</source>
        <translation>词元 %1（第 %2 行）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>token %1</source>
        <translation>词元 %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 at %2 is a BIOES tag; import with --tag-scheme bioes (or auto)</source>
        <translation>%2 处的 %1 是 BIOES 标记；请使用 --tag-scheme bioes（或 auto）导入</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the tag at %1 is empty</source>
        <translation>%1 处的标记为空</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the tag %1 at %2 has no type</source>
        <translation>%2 处的标记 %1 没有类型</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 without B-%2 at %3; if the file is IOB1, import with --tag-scheme iob1</source>
        <translation>%3 处的 %1 前面没有 B-%2；如果文件是 IOB1 格式，请使用 --tag-scheme iob1 导入</translation>
    </message>
    <message>
        <location line="+31"/>
        <location line="+13"/>
        <source>the %1 chunk that starts at %2 is not closed by E-%1</source>
        <translation>从 %2 开始的 %1 块没有以 E-%1 结束</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>%1 without B-%2 at %3</source>
        <translation>%3 处的 %1 前面没有 B-%2</translation>
    </message>
    <message>
        <location filename="../core/io/JsonElements.cpp" line="+74"/>
        <source>Line %1: the JSON array is not closed with &quot;]&quot; after element %2</source>
        <translation>第 %1 行：JSON 数组在第 %2 个元素之后没有以“]”结束</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Line %1: a comma before &quot;]&quot; after element %2</source>
        <translation>第 %1 行：第 %2 个元素之后、“]”之前多了一个逗号</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Line %1: expected &quot;,&quot; or &quot;]&quot; after element %2, found &quot;%3&quot;</source>
        <translation>第 %1 行：第 %2 个元素之后应为“,”或“]”，实际为“%3”</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Line %1: more text after the end of the JSON array</source>
        <translation>第 %1 行：JSON 数组结束后还有其他文本</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Line %1: the file ends inside element %2, which starts on line %3</source>
        <translation>第 %1 行：文件在第 %2 个元素（从第 %3 行开始）内部结束</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Element %1 (line %2) is longer than 256 MiB</source>
        <translation>第 %1 个元素（第 %2 行）超过 256 MiB</translation>
    </message>
    <message>
        <location filename="../core/io/LabelStudioReader.cpp" line="-57"/>
        <source>span %1 has %2 labels; a span holds one</source>
        <translation>片段 %1 有 %2 个标签；一个片段只能有一个标签</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>span %1 (%2–%3, %4) does not cover its text &quot;%5&quot; in the task&apos;s text</source>
        <translation>片段 %1（%2–%3，%4）在任务文本中没有覆盖其文本“%5”</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>task %1: %2</source>
        <translation>任务 %1：%2</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../core/io/ProdigyReader.cpp" line="+159"/>
        <source>an image task (&quot;image&quot;: &quot;%1&quot;); images cannot be labeled yet, and this project holds text</source>
        <translation>图像任务（&quot;image&quot;: &quot;%1&quot;）；目前还不能标注图像，而本项目存放的是文本</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no &quot;%1&quot; in the task&apos;s data (it has: %2); name the text field with --text-field</source>
        <translation>任务的 data 中没有“%1”（其中有：%2）；请用 --text-field 指定文本字段</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>&quot;choices&quot; results (a span-labeling project takes &quot;labels&quot;)</source>
        <translation>&quot;choices&quot; 结果（片段标注项目使用 &quot;labels&quot;）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&quot;labels&quot; results (spans, in a classification project)</source>
        <translation>&quot;labels&quot; 结果（片段，而本项目是分类项目）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>result type &quot;%1&quot;</source>
        <translation>结果类型“%1”</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+8"/>
        <location filename="../core/io/LabelStudioTask.cpp" line="+155"/>
        <source>annotation %1: %2</source>
        <translation>标注 %1：%2</translation>
    </message>
    <message>
        <location filename="../core/io/LabelStudioTask.cpp" line="-100"/>
        <source>%1 is %2, not a list</source>
        <translation>%1 是%2，不是列表</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a name in %1 is %2, not a string</source>
        <translation>%1 中的一个名称是%2，不是字符串</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>a &quot;labels&quot; result needs whole-number &quot;start&quot; and &quot;end&quot; offsets</source>
        <translation>&quot;labels&quot; 结果需要整数的 &quot;start&quot; 和 &quot;end&quot; 偏移量</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>&quot;result&quot; is %1, not a list</source>
        <translation>&quot;result&quot; 是%1，不是列表</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>result %1 is %2, not an object</source>
        <translation>结果 %1 是%2，不是对象</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>result %1: %2</source>
        <translation>结果 %1：%2</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&quot;annotations&quot; is %1, not a list</source>
        <translation>&quot;annotations&quot; 是%1，不是列表</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>annotation %1 is %2, not an object</source>
        <translation>标注 %1 是%2，不是对象</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>data.%1 is %2, not a string</source>
        <translation>data.%1 是%2，不是字符串</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>&quot;%1&quot; is %2, not a string</source>
        <translation>“%1”是%2，不是字符串</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>&quot;%1&quot;: %2</source>
        <translation>“%1”：%2</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>the task is %1, not an object</source>
        <translation>该任务是%1，不是对象</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&quot;data&quot; is %1, not an object</source>
        <translation>&quot;data&quot; 是%1，不是对象</translation>
    </message>
    <message>
        <location filename="../core/io/ProdigyReader.cpp" line="-230"/>
        <source>&quot;spans&quot; is %1, not a list</source>
        <translation>&quot;spans&quot; 是%1，不是列表</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>span %1 is %2, not an object</source>
        <translation>片段 %1 是%2，不是对象</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>span %1 has no &quot;label&quot; string</source>
        <translation>片段 %1 没有 &quot;label&quot; 字符串</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>span %1 needs &quot;start&quot; and &quot;end&quot; (or &quot;token_start&quot; and &quot;token_end&quot; over &quot;tokens&quot;)</source>
        <translation>片段 %1 需要 &quot;start&quot; 和 &quot;end&quot;（或基于 &quot;tokens&quot; 的 &quot;token_start&quot; 和 &quot;token_end&quot;）</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>&quot;answer&quot; is %1; Prodigy answers are &quot;accept&quot;, &quot;reject&quot; or &quot;ignore&quot;</source>
        <translation>&quot;answer&quot; 是 %1；Prodigy 的答案只能是 &quot;accept&quot;、&quot;reject&quot; 或 &quot;ignore&quot;</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the field &quot;label&quot; is %1, not a label name</source>
        <translation>字段 &quot;label&quot; 是%1，不是标签名</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>an option in &quot;options&quot; has no &quot;id&quot;</source>
        <translation>&quot;options&quot; 中有一个选项没有 &quot;id&quot;</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&quot;accept&quot; is %1, not a list of option ids</source>
        <translation>&quot;accept&quot; 是%1，不是选项 id 列表</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&quot;accept&quot; holds %1, which is no option&apos;s id</source>
        <translation>&quot;accept&quot; 中的 %1 不是任何选项的 id</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>labels without an &quot;answer&quot; (suggestions, not annotations)</source>
        <translation>没有 &quot;answer&quot; 的标签（是建议，不是标注）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>rejected spans (a rejection of a span cannot be stored)</source>
        <translation>被拒绝的片段（无法存储对片段的拒绝）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>rejected multiple-choice answers</source>
        <translation>被拒绝的多选答案</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+20"/>
        <source>&quot;label&quot; answers (a span-labeling project takes spans)</source>
        <translation>&quot;label&quot; 答案（片段标注项目使用片段）</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>spans (in a classification project)</source>
        <translation>片段（而本项目是分类项目）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>line %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <location filename="../core/io/ServerImport.cpp" line="+26"/>
        <location line="+7"/>
        <source>Looking up samples on the server failed.</source>
        <translation>在服务器上查找样本失败。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Images are imported into a project file (their paths are relative to it); push the project to the server afterwards.</source>
        <translation>图像需导入到项目文件中（其路径相对于该文件）；之后再将项目推送到服务器。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No temporary folder to read the file into.</source>
        <translation>没有可用于读取该文件的临时文件夹。</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Sample %1 could not be added on the server.</source>
        <translation>无法在服务器上添加样本 %1。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The import was cancelled; nothing was sent to the server.</source>
        <translation>导入已取消；没有向服务器发送任何内容。</translation>
    </message>
</context>
<context>
    <name>Model</name>
    <message>
        <location filename="../core/task/PoolRanking.cpp" line="+23"/>
        <location filename="../core/task/Simulation.cpp" line="+126"/>
        <source>Unknown query strategy &quot;%1&quot;; choose one of: %2.</source>
        <translation>未知的查询策略“%1”；请选择：%2。</translation>
    </message>
    <message>
        <location filename="../core/ml/TextData.cpp" line="+18"/>
        <source>Cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <location filename="../core/task/Simulation.cpp" line="-17"/>
        <source>Every pool sample needs a gold label for a simulation.</source>
        <translation>模拟要求样本池中的每个样本都有真实标签。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A simulation needs both pool and eval samples.</source>
        <translation>模拟同时需要样本池样本和评估样本。</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>The simulation was cancelled.</source>
        <translation>模拟已取消。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Simulating</source>
        <translation>正在模拟</translation>
    </message>
    <message>
        <location filename="../core/ml/TextClassifier.cpp" line="+411"/>
        <location line="+2"/>
        <source>The stored model is damaged: its description of the model is incomplete.</source>
        <translation>存储的模型已损坏：其模型描述不完整。</translation>
    </message>
    <message>
        <location line="+214"/>
        <source>The model needs at least one label.</source>
        <translation>模型至少需要一个标签。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The model&apos;s pooling power must be above 0 and at most 1; it is %1.</source>
        <translation>模型的池化幂次必须大于 0 且不超过 1；当前为 %1。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The weight of the model&apos;s class prototypes must be a number of at least 0; it is %1.</source>
        <translation>模型类别原型的权重必须是不小于 0 的数；当前为 %1。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The model would have %1 million parameters; this version of Marginalia makes models of at most %2 million.</source>
        <translation>模型将有 %1 百万个参数；此版本的 Marginalia 最多创建 %2 百万个参数的模型。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Could not create the model: %1</source>
        <translation>无法创建模型：%1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>There are no labeled samples to train on.</source>
        <translation>没有可用于训练的已标注样本。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The learning rate must be a positive number.</source>
        <translation>学习率必须是正数。</translation>
    </message>
    <message>
        <location line="+297"/>
        <source>The stored model is damaged: its typical text length is %1.</source>
        <translation>存储的模型已损坏：其典型文本长度为 %1。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The stored model is damaged: its class prototypes are not unit vectors.</source>
        <translation>存储的模型已损坏：其类别原型不是单位向量。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>The word vectors have %1 dimensions, the model %2.</source>
        <translation>词向量为 %1 维，模型为 %2 维。</translation>
    </message>
    <message>
        <location filename="../core/ml/FeatureHead.cpp" line="+40"/>
        <source>The stored model is not a classifier head over encoder features.</source>
        <translation>存储的模型不是基于编码器特征的分类头。</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+5"/>
        <source>The stored classifier head has an impossible shape.</source>
        <translation>存储的分类头形状不可能成立。</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>A classifier head needs features and at least one label.</source>
        <translation>分类头需要特征和至少一个标签。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fine-tuning needs the text encoder.</source>
        <translation>微调需要文本编码器。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Could not create the classifier head: %1</source>
        <translation>无法创建分类头：%1</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+24"/>
        <location line="+30"/>
        <source>Every training sample needs its labels.</source>
        <translation>每个训练样本都需要其标签。</translation>
    </message>
    <message>
        <location line="-32"/>
        <location line="+22"/>
        <source>This classifier head was not made to fine-tune its encoder.</source>
        <translation>此分类头并非为微调其编码器而创建。</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Fine-tuning the text encoder failed: %1</source>
        <translation>微调文本编码器失败：%1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>A training sample has no label, or several in a single-label task.</source>
        <translation>某个训练样本没有标签，或在单标签任务中有多个标签。</translation>
    </message>
    <message>
        <location line="+101"/>
        <location filename="../core/ml/ImageClassifier.cpp" line="+299"/>
        <location filename="../core/ml/SequenceTagger.cpp" line="+268"/>
        <location filename="../core/ml/TextClassifier.cpp" line="-255"/>
        <location filename="../core/task/RoundDriver.cpp" line="+174"/>
        <source>Training was cancelled.</source>
        <translation>训练已取消。</translation>
    </message>
    <message>
        <location line="+8"/>
        <location filename="../core/ml/TextClassifier.cpp" line="+21"/>
        <source>Training diverged (the loss is not a number); try a lower learning rate.</source>
        <translation>训练发散（损失值为 NaN）；请尝试降低学习率。</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Classifying the texts failed: %1</source>
        <translation>文本分类失败：%1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Could not save the classifier head: %1</source>
        <translation>无法保存分类头：%1</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The stored classifier head has a different shape, other labels or another encoder.</source>
        <translation>存储的分类头形状不同、标签不同或编码器不同。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Could not load the classifier head: %1</source>
        <translation>无法加载分类头：%1</translation>
    </message>
    <message>
        <location filename="../core/ml/SequenceTagger.cpp" line="-67"/>
        <source>The tagger needs at least one tag.</source>
        <translation>序列标注器至少需要一个标记。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The tagger would have %1 million parameters; this version of Marginalia makes models of at most %2 million.</source>
        <translation>标注器将有 %1 百万个参数；此版本的 Marginalia 最多创建 %2 百万个参数的模型。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Could not create the tagger: %1</source>
        <translation>无法创建序列标注器：%1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>There are no labeled sentences to train on.</source>
        <translation>没有可用于训练的已标注句子。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A training sentence has a tag the tagger does not know.</source>
        <translation>某个训练句子含有序列标注器不认识的标记。</translation>
    </message>
    <message>
        <location filename="../core/ml/ImageClassifier.cpp" line="-146"/>
        <source>The stored model is not an image classifier (it is a &quot;%1&quot; model).</source>
        <translation>保存的模型不是图像分类器（而是“%1”模型）。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The stored image classifier is damaged: its sizes are out of range.</source>
        <translation>保存的图像分类器已损坏：其尺寸超出范围。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The stored image classifier is damaged: its labels are empty or repeated.</source>
        <translation>保存的图像分类器已损坏：其标签为空或重复。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The stored image classifier is damaged: it has too few or too many labels.</source>
        <translation>保存的图像分类器已损坏：标签过少或过多。</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Fine-tuning needs the image backbone.</source>
        <translation>微调需要图像骨干网络。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An image classifier needs at least two labels.</source>
        <translation>图像分类器至少需要两个标签。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The image classifier&apos;s input or width is out of range.</source>
        <translation>图像分类器的输入或宽度超出范围。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Could not create the image classifier: %1</source>
        <translation>无法创建图像分类器：%1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>There are no labeled images to train on.</source>
        <translation>没有可用于训练的已标注图像。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A training image has a label the classifier does not know.</source>
        <translation>某张训练图像的标签是分类器不认识的。</translation>
    </message>
    <message>
        <location line="+59"/>
        <location filename="../core/ml/SequenceTagger.cpp" line="+46"/>
        <source>Training diverged (the loss is not a number).</source>
        <translation>训练发散（损失值为 NaN）。</translation>
    </message>
    <message>
        <location filename="../core/ml/FeatureHead.cpp" line="-319"/>
        <location line="+244"/>
        <location filename="../core/ml/ImageClassifier.cpp" line="+13"/>
        <location filename="../core/ml/SequenceTagger.cpp" line="+56"/>
        <location filename="../core/ml/TextClassifier.cpp" line="+55"/>
        <source>Training failed: %1</source>
        <translation>训练失败：%1</translation>
    </message>
    <message>
        <location filename="../core/ml/ImageClassifier.cpp" line="+38"/>
        <source>Classifying the images failed: %1</source>
        <translation>图像分类失败：%1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Could not save the image classifier: %1</source>
        <translation>无法保存图像分类器：%1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The stored image classifier has a different shape or other labels.</source>
        <translation>保存的图像分类器结构不同或标签不同。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Could not load the image classifier: %1</source>
        <translation>无法加载图像分类器：%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The images do not have the classifier&apos;s input size.</source>
        <translation>图像尺寸与分类器的输入尺寸不符。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Augmenting the images failed: %1</source>
        <translation>图像增强失败：%1</translation>
    </message>
    <message>
        <location filename="../core/ml/SequenceTagger.cpp" line="+46"/>
        <source>Tagging failed: %1</source>
        <translation>序列标注失败：%1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Could not save the tagger: %1</source>
        <translation>无法保存序列标注器：%1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The stored model is not a sequence tagger (it is a &quot;%1&quot; model).</source>
        <translation>存储的模型不是序列标注器（它是“%1”模型）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The stored tagger is damaged: its description of the model is incomplete.</source>
        <translation>存储的标注器已损坏：其模型描述不完整。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The stored tagger is damaged: its sizes are out of range.</source>
        <translation>存储的标注器已损坏：其尺寸超出范围。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The stored tagger is damaged: its tag names are empty or repeated.</source>
        <translation>存储的标注器已损坏：其标签名为空或重复。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The stored tagger is damaged: it has no tags.</source>
        <translation>存储的标注器已损坏：它没有标签。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The stored tagger has a different shape.</source>
        <translation>已保存的序列标注器结构与当前模型不一致。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Could not load the tagger: %1</source>
        <translation>无法加载序列标注器：%1</translation>
    </message>
    <message>
        <location filename="../core/ml/TextClassifier.cpp" line="+95"/>
        <source>Scoring failed: %1</source>
        <translation>打分失败：%1</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Could not save the model: %1</source>
        <translation>无法保存模型：%1</translation>
    </message>
    <message>
        <location line="-535"/>
        <location line="+6"/>
        <source>The stored model has a different shape.</source>
        <translation>已保存的模型结构与当前模型不一致。</translation>
    </message>
    <message>
        <location line="+541"/>
        <source>The stored model is not a text classifier (it is a &quot;%1&quot; model).</source>
        <translation>存储的模型不是文本分类器（它是“%1”模型）。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Could not load the model: %1</source>
        <translation>无法加载模型：%1</translation>
    </message>
    <message>
        <location filename="../core/ml/WordVectors.cpp" line="+34"/>
        <source>The word vectors %1 do not exist.</source>
        <translation>词向量文件 %1 不存在。</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+10"/>
        <source>The word vectors %1 are not a regular file (a folder, a device or a pipe is not read).</source>
        <translation>词向量 %1 不是普通文件（不读取文件夹、设备或管道）。</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>The word vectors %1 are larger than %2 GB.</source>
        <translation>词向量文件 %1 大于 %2 GB。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot open the word vectors %1: %2</source>
        <translation>无法打开词向量文件 %1：%2</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The word vectors %1 grew past %2 GB while being read.</source>
        <translation>词向量文件 %1 在读取过程中超过了 %2 GB。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 is not a fastText .vec file: line %2 is longer than %3 MB.</source>
        <translation>%1 不是 fastText .vec 文件：第 %2 行超过 %3 MB。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The word vectors %1 are empty.</source>
        <translation>词向量文件 %1 为空。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 is not a fastText .vec file (its first line should be &quot;COUNT DIMENSION&quot;).</source>
        <translation>%1 不是 fastText .vec 文件（其第一行应为“COUNT DIMENSION”，即词数和维度）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The word vectors %1 have %2 dimensions; at most %3 are used.</source>
        <translation>词向量 %1 有 %2 维；最多使用 %3 维。</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>%1 is not a fastText model this version reads (%2).</source>
        <translation>%1 不是此版本能读取的 fastText 模型（%2）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no fastText header</source>
        <translation>没有 fastText 文件头</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>format version %1</source>
        <translation>格式版本 %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+2"/>
        <source>the file ends in its header</source>
        <translation>文件在文件头处结束</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 dimensions</source>
        <translation>%1 维</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+13"/>
        <location line="+3"/>
        <source>the file ends in its dictionary</source>
        <translation>文件在词典处结束</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>its dictionary&apos;s counts do not add up</source>
        <translation>其词典的计数对不上</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>a word longer than %1 bytes</source>
        <translation>有长于 %1 字节的词</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the file ends before its %1 matrix</source>
        <translation>文件在%1矩阵之前结束</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a compressed .ftz model; use the .bin or .vec file</source>
        <translation>是压缩的 .ftz 模型；请使用 .bin 或 .vec 文件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>its %1 matrix is larger than the file</source>
        <translation>其%1矩阵比文件还大</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the file ends in its %1 matrix</source>
        <translation>文件在%1矩阵处结束</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The fastText model %1 cannot be read.</source>
        <translation>无法读取 fastText 模型 %1。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The fastText model %1 cannot be read: %2</source>
        <translation>无法读取 fastText 模型 %1：%2</translation>
    </message>
    <message>
        <location line="+26"/>
        <location line="+7"/>
        <source>The word vectors have %1 dimensions but the model uses %2.</source>
        <translation>词向量为 %1 维，但模型使用的是 %2 维。</translation>
    </message>
    <message>
        <location filename="../core/ml/TextClassifier.cpp" line="+46"/>
        <source>Could not use the word vectors: %1</source>
        <translation>无法使用词向量：%1</translation>
    </message>
    <message>
        <location filename="../core/task/LatestModel.cpp" line="+20"/>
        <source>The project has no trained model yet; run a training round first.</source>
        <translation>项目还没有训练好的模型；请先运行一轮训练。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Run %1 has no stored model.</source>
        <translation>运行 %1 没有已保存的模型。</translation>
    </message>
    <message>
        <location filename="../core/task/RoundDriver.cpp" line="+61"/>
        <source>The training round stopped on an internal error.</source>
        <translation>训练轮次因内部错误而停止。</translation>
    </message>
    <message numerus="yes">
        <location filename="../core/ml/ImageClassificationModel.cpp" line="+36"/>
        <source>%n image(s) could not be read and were left out:</source>
        <translation>
            <numerusform>有 %n 张图片无法读取，已被略过：</numerusform>
        </translation>
    </message>
    <message>
        <location line="+31"/>
        <location filename="../core/ml/TextClassificationModel.cpp" line="+116"/>
        <location filename="../core/ml/TextEncoderModel.cpp" line="+45"/>
        <source>The project needs at least two labels before a model can learn to tell them apart.</source>
        <translation>项目至少需要两个标签，模型才能学习区分它们。</translation>
    </message>
    <message>
        <location line="+367"/>
        <source>The image backbone %1 is not the file the stored model was trained on.</source>
        <translation>图像骨干网络 %1 不是训练已保存模型时所用的文件。</translation>
    </message>
    <message>
        <location filename="../core/ml/TextClassificationModel.cpp" line="+19"/>
        <source>Training without the pretrained word vectors: %1</source>
        <translation>不使用预训练词向量进行训练：%1</translation>
    </message>
    <message>
        <location filename="../core/task/RoundDriver.cpp" line="-154"/>
        <source>The model of run %1 cannot be loaded; training from scratch</source>
        <translation>无法加载第 %1 次运行的模型；将从头开始训练</translation>
    </message>
    <message>
        <location line="+151"/>
        <source>The training round stopped on an internal error: %1</source>
        <translation>训练轮次因内部错误而停止：%1</translation>
    </message>
    <message>
        <location filename="../core/ml/EncoderTaggingModel.cpp" line="+64"/>
        <location filename="../core/ml/SpanLabelingModel.cpp" line="+53"/>
        <source>The project needs at least one entity type before a model can learn to find it.</source>
        <translation>项目至少需要一个实体类型，模型才能学习识别它。</translation>
    </message>
    <message>
        <location filename="../core/task/RoundDriver.cpp" line="-100"/>
        <source>Reading samples</source>
        <translation>正在读取样本</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>There is nothing to train on: label some samples in the pool first.</source>
        <translation>没有可训练的数据：请先标注样本池中的一些样本。</translation>
    </message>
    <message>
        <location filename="../core/ml/EncoderTaggingModel.cpp" line="+121"/>
        <location filename="../core/ml/ImageClassificationModel.cpp" line="-264"/>
        <location filename="../core/ml/SpanLabelingModel.cpp" line="+95"/>
        <location filename="../core/ml/TextClassificationModel.cpp" line="+144"/>
        <location filename="../core/ml/TextEncoderModel.cpp" line="+107"/>
        <location filename="../core/task/RoundDriver.cpp" line="+15"/>
        <source>Training</source>
        <translation>正在训练</translation>
    </message>
    <message>
        <location filename="../core/task/RoundDriver.cpp" line="+5"/>
        <source>Evaluating</source>
        <translation>正在评估</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Scoring the pool</source>
        <translation>正在为样本池打分</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Saving the run</source>
        <translation>正在保存运行结果</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../core/task/LatestModel.cpp" line="+2"/>
        <source>The model of run %1 cannot be loaded (%2). Train a new round to replace it.</source>
        <translation>无法加载第 %1 次运行的模型（%2）。请训练新的一轮来替换它。</translation>
    </message>
    <message>
        <location filename="../core/ml/TensorBundle.cpp" line="+33"/>
        <source>The stored model is damaged: %1</source>
        <translation>存储的模型已损坏：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The stored model does not match this model: %1</source>
        <translation>存储的模型与此模型不符：%1</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>entry %1 of its tensor list is not an object.</source>
        <translation>其张量列表的第 %1 项不是对象。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>entry %1 of its tensor list does not have exactly the fields %2.</source>
        <translation>其张量列表的第 %1 项的字段不恰好是 %2。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>entry %1 of its tensor list has no name or one longer than %2 characters.</source>
        <translation>其张量列表的第 %1 项没有名称，或名称超过 %2 个字符。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>tensor &quot;%1&quot; has an unknown element type.</source>
        <translation>张量“%1”的元素类型未知。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>tensor &quot;%1&quot; has no shape, or more than %2 dimensions.</source>
        <translation>张量“%1”没有形状，或维度超过 %2 个。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>tensor &quot;%1&quot; has a size that is not a whole number of at least 0.</source>
        <translation>张量“%1”的某个尺寸不是不小于 0 的整数。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>tensor &quot;%1&quot; has more than %2 elements.</source>
        <translation>张量“%1”的元素超过 %2 个。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>tensor &quot;%1&quot; of shape %2 needs %3 bytes, not the %4 its entry gives.</source>
        <translation>形状为 %2 的张量“%1”需要 %3 字节，而不是其条目给出的 %4 字节。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Could not save the model: it has no kind or too many tensors.</source>
        <translation>无法保存模型：它没有类型，或张量过多。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Could not save the model: tensor &quot;%1&quot; cannot be stored.</source>
        <translation>无法保存模型：张量“%1”无法存储。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Could not save the model: its description is larger than %1 bytes.</source>
        <translation>无法保存模型：其描述超过 %1 字节。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The stored model is not in the format this version of Marginalia saves models in.</source>
        <translation>存储的模型不是此版本 Marginalia 保存模型所用的格式。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it is cut short.</source>
        <translation>它被截断了。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The stored model was saved by a newer version of Marginalia (model format %1; this version reads format %2).</source>
        <translation>存储的模型由较新版本的 Marginalia 保存（模型格式 %1；此版本读取格式 %2）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>its format version is %1.</source>
        <translation>其格式版本为 %1。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>its header claims %1 bytes, more than the %2 allowed.</source>
        <translation>其文件头声称有 %1 字节，超过允许的 %2 字节。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>it is cut short within its header.</source>
        <translation>它在文件头内被截断。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>its header is not valid JSON (%1 at byte %2).</source>
        <translation>其文件头不是有效的 JSON（第 %2 字节处：%1）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>its header is not a JSON object.</source>
        <translation>其文件头不是 JSON 对象。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>its header does not have exactly the fields kind, meta and tensors.</source>
        <translation>其文件头的字段不恰好是 kind、meta 和 tensors。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>its header names no kind of model.</source>
        <translation>其文件头未指明模型类型。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>its description of the model is not a JSON object.</source>
        <translation>其模型描述不是 JSON 对象。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>its list of tensors is not a JSON array.</source>
        <translation>其张量列表不是 JSON 数组。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>it lists more than %1 tensors.</source>
        <translation>它列出了超过 %1 个张量。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>it holds two tensors named &quot;%1&quot;.</source>
        <translation>它包含两个名为“%1”的张量。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>its tensors hold more than %1 elements.</source>
        <translation>其张量共有超过 %1 个元素。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>tensor &quot;%1&quot; does not start at a multiple of %2 bytes.</source>
        <translation>张量“%1”的起始位置不是 %2 字节的整数倍。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>tensor &quot;%1&quot; overlaps the tensor before it.</source>
        <translation>张量“%1”与前一个张量重叠。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>there are unused bytes before tensor &quot;%1&quot;.</source>
        <translation>张量“%1”之前有未使用的字节。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>tensor &quot;%1&quot; reaches past the end of the stored bytes (it is cut short).</source>
        <translation>张量“%1”超出了存储字节的末尾（它被截断了）。</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>its last tensor is followed by %n more byte(s).</source>
        <translation>
            <numerusform>其最后一个张量之后还有 %n 个字节。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>it has no tensor &quot;%1&quot;.</source>
        <translation>它没有张量“%1”。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>its tensor &quot;%1&quot; holds %2, not %3.</source>
        <translation>其张量“%1”存放的是 %2，而不是 %3。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>its tensor &quot;%1&quot; has the shape %2, where this model&apos;s is %3.</source>
        <translation>其张量“%1”的形状为 %2，而此模型的为 %3。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>it has a tensor &quot;%1&quot; this model does not have.</source>
        <translation>它有一个此模型没有的张量“%1”。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>it stores %1 table rows, and this model&apos;s table has %2.</source>
        <translation>它存储了 %1 个表行，而此模型的表有 %2 行。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>it has no list of table rows.</source>
        <translation>它没有表行列表。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>table row number %1 (entry %2) is out of order or outside the table of %3 rows.</source>
        <translation>表行号 %1（第 %2 项）顺序错误，或超出了 %3 行的表。</translation>
    </message>
    <message>
        <location filename="../core/ml/DocumentTermSvd.cpp" line="+118"/>
        <location line="+72"/>
        <location filename="../core/ml/PoolPretraining.cpp" line="+76"/>
        <location line="+159"/>
        <source>Learning from unlabeled text was cancelled.</source>
        <translation>从未标注文本中学习已取消。</translation>
    </message>
    <message numerus="yes">
        <location line="-53"/>
        <source>The pool&apos;s text is too small to learn word vectors from (%n word(s) occur in two or more samples).</source>
        <translation>
            <numerusform>样本池的文本太少，无法学习词向量（只有 %n 个词出现在两个或更多样本中）。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../core/ml/PoolPretraining.cpp" line="-157"/>
        <source>Could not write the text to learn from to a temporary file: %1</source>
        <translation>无法将用于学习的文本写入临时文件：%1</translation>
    </message>
    <message>
        <location line="+105"/>
        <source>Could not create a temporary file for the text to learn from: %1</source>
        <translation>无法为用于学习的文本创建临时文件：%1</translation>
    </message>
    <message>
        <location line="-74"/>
        <location line="+76"/>
        <source>Reading the text</source>
        <translation>正在读取文本</translation>
    </message>
    <message>
        <location line="-56"/>
        <location line="+62"/>
        <source>There is no text to learn from: the project&apos;s pool is empty.</source>
        <translation>没有可供学习的文本：项目的样本池为空。</translation>
    </message>
    <message>
        <location line="-65"/>
        <location line="+104"/>
        <source>Learning word vectors</source>
        <translation>正在学习词向量</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The pool&apos;s text is too small to learn word vectors from (%1).</source>
        <translation>样本池中的文本太少，无法学习词向量（%1）。</translation>
    </message>
    <message>
        <location filename="../core/ml/DocumentTermSvd.cpp" line="+69"/>
        <location filename="../core/ml/PoolPretraining.cpp" line="+2"/>
        <source>Learning word vectors failed: %1</source>
        <translation>学习词向量失败：%1</translation>
    </message>
    <message>
        <location filename="../core/ml/WordVectorTable.cpp" line="+49"/>
        <source>The project&apos;s learned word vectors are damaged (%1); learn them again.</source>
        <translation>项目中学到的词向量已损坏（%1）；请重新学习。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>not a word vector table</source>
        <translation>不是词向量表</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>dimension %1</source>
        <translation>维度 %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 words do not fit in %2 bytes</source>
        <translation>%1 个词放不进 %2 字节</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>word %1</source>
        <translation>词 %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 bytes of values, %2 expected</source>
        <translation>数值有 %1 字节，应为 %2 字节</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>a value that is not a number</source>
        <translation>一个不是数字的值</translation>
    </message>
    <message numerus="yes">
        <location filename="../core/ml/TrainingWorker.cpp" line="+112"/>
        <source>Learned word vectors for %n word(s) from %1 samples in %2 s; the next round starts from them.</source>
        <translation>
            <numerusform>已在 %2 秒内从 %1 个样本学到 %n 个词的词向量；下一轮训练将以其为起点。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Learned word vectors for %n word(s) from %1 samples in %2 s; rounds start from them once &quot;Start from the pool&apos;s vectors&quot; is on in Model &gt; Settings.</source>
        <translation>
            <numerusform>已在 %2 秒内从 %1 个样本学到 %n 个词的词向量；在“模型 &gt; 设置”中开启“从池中学到的词向量开始”后，训练将以其为起点。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+30"/>
        <source>%n label(s) look wrong, of %1 checked by a model trained without them.</source>
        <translation>
            <numerusform>在由未见过它们的模型检查的 %1 个标签中，有 %n 个看起来有误。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../core/task/ModelClient.cpp" line="+19"/>
        <source>This studio has no model engine to learn with.</source>
        <translation>此工作室没有可用于学习的模型引擎。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This studio has no model engine to audit with.</source>
        <translation>此工作室没有可用于审查的模型引擎。</translation>
    </message>
    <message>
        <location filename="../core/ml/ImageBackbone.cpp" line="+47"/>
        <source>The image backbone %1 does not exist.</source>
        <translation>图像骨干网络 %1 不存在。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The image backbone %1 cannot be read.</source>
        <translation>无法读取图像骨干网络 %1。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The image backbone %1 asks for %2 x %2 images with %3 channels; 1 to %4 pixels a side and 1 or 3 channels are supported.</source>
        <translation>图像骨干网络 %1 要求 %2 x %2、%3 个通道的图像；仅支持每边 1 到 %4 像素、1 或 3 个通道。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The image backbone %1 gives %2 features per image.</source>
        <translation>图像骨干网络 %1 为每张图像给出 %2 个特征。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The image backbone %1 cannot be used: %2</source>
        <translation>无法使用图像骨干网络 %1：%2</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The image backbone changed its output size.</source>
        <translation>图像骨干网络的输出大小发生了变化。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The image backbone failed: %1</source>
        <translation>图像骨干网络出错：%1</translation>
    </message>
    <message>
        <location filename="../core/ml/TextEncoder.cpp" line="+77"/>
        <source>The text encoder %1 does not exist.</source>
        <translation>文本编码器 %1 不存在。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The text encoder %1 is not a regular file of at most 4 GB.</source>
        <translation>文本编码器 %1 不是不超过 4 GB 的普通文件。</translation>
    </message>
    <message>
        <location line="+266"/>
        <source>The text encoder file %1 cannot be read.</source>
        <translation>无法读取文本编码器文件 %1。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The text encoder %1 reads %2 word pieces a text; 2 to %3 are supported.</source>
        <translation>文本编码器 %1 每段文本读取 %2 个词片；支持 2 到 %3 个。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The text encoder %1 gives %2 features per text.</source>
        <translation>文本编码器 %1 每段文本给出 %2 个特征。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The text encoder %1 cannot be used: %2</source>
        <translation>无法使用文本编码器 %1：%2</translation>
    </message>
    <message>
        <location line="-316"/>
        <source>Encoding the texts was cancelled.</source>
        <translation>文本编码已取消。</translation>
    </message>
    <message>
        <location line="+373"/>
        <location line="+35"/>
        <source>The text encoder changed its output size.</source>
        <translation>文本编码器改变了输出大小。</translation>
    </message>
    <message>
        <location line="-395"/>
        <source>The text encoder failed: %1</source>
        <translation>文本编码器出错：%1</translation>
    </message>
    <message>
        <location line="+334"/>
        <source>The text encoder cannot be copied for fine-tuning: %1</source>
        <translation>无法复制文本编码器以进行微调：%1</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>The text encoder gives one vector per text; tagging words needs one per word piece.</source>
        <translation>该文本编码器每段文本只给出一个向量；为词语标注需要每个子词一个向量。</translation>
    </message>
    <message>
        <location line="-244"/>
        <source>The text encoder&apos;s tokenizer marks an empty text with more than two pieces.</source>
        <translation>该文本编码器的分词器为空文本标出了两个以上的子词。</translation>
    </message>
    <message>
        <location filename="../core/ml/EncoderTaggingModel.cpp" line="-60"/>
        <source>The stored tagging head does not match its run&apos;s entity types.</source>
        <translation>已保存的标注头与其运行的实体类型不一致。</translation>
    </message>
    <message>
        <location filename="../core/ml/EncoderHeadRun.cpp" line="+46"/>
        <source>The text encoder %1 is not the one the stored model was trained on.</source>
        <translation>文本编码器 %1 不是存储的模型训练时所用的编码器。</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>No text encoder is set (setting model.text_encoder).</source>
        <translation>未设置文本编码器（设置项 model.text_encoder）。</translation>
    </message>
    <message>
        <location filename="../core/ml/EncoderTaggingModel.cpp" line="+162"/>
        <source>The text encoder %1 gives one vector per text; tagging words needs one per word piece.</source>
        <translation>文本编码器 %1 每段文本只给出一个向量；为词语标注需要每个子词一个向量。</translation>
    </message>
    <message>
        <location line="+95"/>
        <location filename="../core/ml/TextEncoderModel.cpp" line="+171"/>
        <source>Encoding the texts</source>
        <translation>正在编码文本</translation>
    </message>
    <message>
        <location filename="../core/text/WordPieceTokenizer.cpp" line="+76"/>
        <source>The vocabulary %1 does not exist.</source>
        <translation>词表 %1 不存在。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The vocabulary %1 is not a vocabulary file (one token a line, at most %2 MB).</source>
        <translation>%1 不是词表文件（每行一个词元，最多 %2 MB）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The vocabulary %1 cannot be read: %2</source>
        <translation>无法读取词表 %1：%2</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1, line %2: the vocabulary is not UTF-8.</source>
        <translation>%1，第 %2 行：词表不是 UTF-8 编码。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The vocabulary %1 has more than %2 tokens.</source>
        <translation>词表 %1 的词元超过 %2 个。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The vocabulary %1 cannot be used: %2</source>
        <translation>无法使用词表 %1：%2</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>it has no %1 token.</source>
        <translation>其中没有 %1 词元。</translation>
    </message>
    <message>
        <location filename="../core/ml/WordClusters.cpp" line="+191"/>
        <source>It read word classes from vectors learned from the pool that the project no longer holds.</source>
        <translation>它读取的词类来自项目中已不再保存的、从样本池学到的词向量。</translation>
    </message>
</context>
<context>
    <name>ProjectOpener</name>
    <message>
        <location filename="../ui/ProjectOpener.cpp" line="+34"/>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Opening project</source>
        <translation>正在打开项目</translation>
    </message>
</context>
<context>
    <name>Review</name>
    <message>
        <location filename="../core/store/LabelResolution.cpp" line="+97"/>
        <source>single label</source>
        <translation>单人标签</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>majority</source>
        <translation>多数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tie (newest label)</source>
        <translation>平票（取最新标签）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reviewed</source>
        <translation>已审核</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <location filename="../core/settings/ProjectSettings.cpp" line="+27"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the project labels: textcat, multilabel, ner or image (fixed when it is created).</source>
        <translation>项目标注的内容：textcat、multilabel、ner 或 image（创建时确定）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When the project was created (milliseconds since 1970).</source>
        <translation>项目的创建时间（自 1970 年起的毫秒数）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Project name</source>
        <translation>项目名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A name for the project, shown in the studio.</source>
        <translation>项目的名称，显示在工作室中。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Query strategy</source>
        <translation>查询策略</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How the model picks the samples to label next (the query strategy).</source>
        <translation>模型如何挑选下一批要标注的样本（查询策略）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How many samples a batch strategy picks together.</source>
        <translation>批量策略一次挑选多少个样本。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The most passes over the labeled samples in one round (early stopping may end it sooner).</source>
        <translation>一轮训练中遍历已标注样本的最多次数（提前停止可能更早结束）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vector size</source>
        <translation>向量维度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size of the model&apos;s word and n-gram vectors (ignored when pretrained vectors set it).</source>
        <translation>模型词向量和 n-gram 向量的维度（使用预训练向量时以其为准）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hidden layer</source>
        <translation>隐藏层</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size of the classifier&apos;s hidden layer; 0 for none.</source>
        <translation>分类器隐藏层的大小；0 表示没有隐藏层。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dropout</source>
        <translation>Dropout</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dropout rate while training.</source>
        <translation>训练时的 dropout 比例。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The optimizer&apos;s learning rate.</source>
        <translation>优化器的学习率。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Augment</source>
        <translation>数据增强</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Train on copies of the labeled samples with words dropped and swapped.</source>
        <translation>用删去和交换了部分词的已标注样本副本进行训练。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Class weights</source>
        <translation>类别权重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weigh rare labels up in the loss.</source>
        <translation>在损失中提高稀有标签的权重。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dropout passes</source>
        <translation>Dropout 次数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dropout passes per sample for the bald strategy.</source>
        <translation>bald 策略对每个样本进行的 dropout 前向次数。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Random seed of training and of random picks.</source>
        <translation>训练和随机挑选所用的随机种子。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pretrained vectors</source>
        <translation>预训练向量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A fastText .vec file or binary model (.bin) to start the word vectors from; empty for none.</source>
        <translation>用于初始化词向量的 fastText .vec 文件或二进制模型（.bin）；留空表示不使用。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Image backbone</source>
        <translation>图像骨干网络</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Image projects: a TorchScript file (.pt) of a pretrained network whose features the classifier learns from (only a head is trained on them); empty to train a network from scratch. The file runs as code: name only one you trust.</source>
        <translation>图像项目：一个预训练网络的 TorchScript 文件（.pt），分类器从其特征中学习（只在其上训练一个分类头）；留空则从头训练网络。该文件会作为代码运行：只指定你信任的文件。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fine-tune the backbone</source>
        <translation>微调骨干网络</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Image projects with a backbone: train the backbone&apos;s own weights too, on augmented images (much slower than a head alone; meant for a GPU).</source>
        <translation>使用骨干网络的图像项目：也在增强后的图像上训练骨干网络本身的权重（比只训练分类头慢得多；适合在 GPU 上使用）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Text encoder</source>
        <translation>文本编码器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text projects: a TorchScript file (.pt) of a pretrained text encoder (a BERT-family model exported with torch.jit.trace) whose mean token states the classifier learns from, or for span labeling whose per-token states a tagging head learns from (only a head is trained on them); empty for the built-in model. The file runs as code: name only one you trust.</source>
        <translation>文本项目：预训练文本编码器的 TorchScript 文件（.pt，例如用 torch.jit.trace 导出的 BERT 系列模型）。分类器从其词元状态的均值中学习；片段标注则由标注头从每个词元的状态中学习（只训练头部）。留空则使用内置模型。该文件会作为代码运行：只填写您信任的文件。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Encoder vocabulary</source>
        <translation>编码器词表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The text encoder&apos;s tokenizer: a WordPiece vocabulary (vocab.txt) or a SentencePiece model (.model); empty for the vocab.txt beside the encoder, else a SentencePiece model beside it.</source>
        <translation>文本编码器的分词器：WordPiece 词表（vocab.txt）或 SentencePiece 模型（.model）；留空则使用编码器旁的 vocab.txt，没有时使用其旁边的 SentencePiece 模型。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fine-tune the text encoder</source>
        <translation>微调文本编码器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>With a text encoder: train the encoder&apos;s own weights with the classifier or the tagging head, and take every sample&apos;s features again after each round (much slower than a head alone; meant for a GPU).</source>
        <translation>使用文本编码器时：连同分类器或标注头一起训练编码器自身的权重，并在每一轮之后重新计算每个样本的特征（比只训练头部慢得多；适合 GPU）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Start from the pool&apos;s vectors</source>
        <translation>从池中学到的词向量开始</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Let the model read each text through the word vectors learned from the project&apos;s unlabeled text (Model &gt; Learn from unlabeled text, marginalia pretrain), beside what it learns from the labels.</source>
        <translation>让模型除了从标注中学习之外，还通过从项目未标注文本中学到的词向量（模型 &gt; 从未标注文本学习，marginalia pretrain）来读取每段文本。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Learn word vectors by</source>
        <translation>词向量学习方式</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How Model &gt; Learn from unlabeled text learns: skipgram from the words around each word (a minute or more), svd from the texts words share (seconds).</source>
        <translation>“模型 &gt; 从未标注文本学习”的学习方式：skipgram 从每个词周围的词学习（一分钟或更久），svd 从词语共同出现的文本学习（几秒）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Retrain every</source>
        <translation>重新训练间隔</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The studio retrains after this many new labels.</source>
        <translation>工作室每新增这么多个标注后重新训练。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evaluation share</source>
        <translation>评估集比例</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share of imported samples set aside for evaluation.</source>
        <translation>导入的样本中留作评估的比例。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overlap share</source>
        <translation>重叠比例</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share of the samples that several annotators label independently, for agreement and review; every other sample goes to one annotator only.</source>
        <translation>由多位标注者独立标注的样本比例，用于一致性和审核；其余样本只分给一位标注者。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Annotators per overlap sample</source>
        <translation>每个重叠样本的标注者数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How many annotators label each overlap sample.</source>
        <translation>每个重叠样本由多少位标注者标注。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assignment lease (minutes)</source>
        <translation>分配租期（分钟）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How long a sample handed to one annotator is kept from the others; a studio closed without labeling it gives it back when the lease runs out.</source>
        <translation>分给一位标注者的样本对其他人保留多长时间；未标注就关闭的工作室会在租期到期时归还它。</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>%1 must be between %2 and %3 (not &quot;%4&quot;).</source>
        <translation>%1 必须在 %2 到 %3 之间（而不是“%4”）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 expects a whole number (not &quot;%2&quot;).</source>
        <translation>%1 需要一个整数（而不是“%2”）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 expects a number (not &quot;%2&quot;).</source>
        <translation>%1 需要一个数字（而不是“%2”）。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 expects true or false (not &quot;%2&quot;).</source>
        <translation>%1 需要 true 或 false（而不是“%2”）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 must be one of: %2 (not &quot;%3&quot;).</source>
        <translation>%1 必须是以下之一：%2（而不是“%3”）。</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>There is no setting &quot;%1&quot;; `marginalia config PROJECT` lists them.</source>
        <translation>没有名为“%1”的设置；`marginalia config PROJECT` 会列出所有设置。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 cannot be changed: it is fixed when the project is created.</source>
        <translation>%1 无法修改：它在项目创建时已确定。</translation>
    </message>
</context>
<context>
    <name>Store</name>
    <message>
        <location filename="../core/store/SqlHelpers.cpp" line="+32"/>
        <source>the project is busy in another program (%1)</source>
        <translation>项目正被其他程序占用（%1）</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>%1 failed: %2</source>
        <translation>%1失败：%2</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>the disk is full or failing (%1); what was saved before is kept, free some space and try again</source>
        <translation>磁盘已满或出现故障（%1）；之前保存的内容仍然保留，请释放一些空间后重试</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the project file is read-only (%1)</source>
        <translation>项目文件为只读（%1）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>preparing a query</source>
        <translation>准备查询</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>starting a transaction</source>
        <translation>开始事务</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>saving</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../core/store/ProjectStore.cpp" line="+115"/>
        <location line="+3"/>
        <location line="+10"/>
        <location line="+12"/>
        <location line="+4"/>
        <location line="+3"/>
        <location line="+89"/>
        <location line="+3"/>
        <source>configuring the project</source>
        <translation>配置项目</translation>
    </message>
    <message>
        <location line="-101"/>
        <source>The project file cannot be switched to write-ahead logging (is its folder read-only?).</source>
        <translation>无法将项目文件切换为预写日志（WAL）模式（其所在文件夹是否为只读？）。</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+209"/>
        <source>reading the project header</source>
        <translation>读取项目头信息</translation>
    </message>
    <message>
        <location line="-159"/>
        <source>The project file %1 was deleted or moved while it was open, so nothing more can be saved to it. Open the project where it is now.</source>
        <translation>项目文件 %1 在打开期间被删除或移动，因此无法再向其保存任何内容。请在其当前位置重新打开项目。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The project file %1 was replaced by another program while it was open; nothing more is saved to it. Reopen the project.</source>
        <translation>项目文件 %1 在打开期间被其他程序替换；不会再向其保存任何内容。请重新打开项目。</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>The project file could not be written to disk (%1).</source>
        <translation>无法将项目文件写入磁盘（%1）。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 already exists; choose another name or open it.</source>
        <translation>%1 已存在；请换一个名称，或直接打开它。</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+7"/>
        <source>creating %1</source>
        <translation>创建 %1</translation>
    </message>
    <message>
        <location filename="../core/store/ProjectBackup.cpp" line="+110"/>
        <source>The folder %1 does not exist.</source>
        <translation>文件夹 %1 不存在。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 is the project itself; choose another name for the copy.</source>
        <translation>%1 就是项目本身；请为副本另选一个名称。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is a folder; give a file name for the copy.</source>
        <translation>%1 是一个文件夹；请为副本指定一个文件名。</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+114"/>
        <source>%1 already exists and was left unchanged; choose another name or allow replacing it.</source>
        <translation>%1 已存在，未作改动；请另选名称或允许替换它。</translation>
    </message>
    <message>
        <location line="-108"/>
        <source>%1 has a %2 file beside it (a program has it open, or did not close it cleanly), which SQLite would apply to the copy. Close that program or choose another name.</source>
        <translation>%1 旁边有一个 %2 文件（某个程序正打开它，或未正常关闭它），SQLite 会把它应用到副本上。请关闭该程序或另选名称。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>A project on a server is backed up by the server&apos;s own tools, or copied into a file with `marginalia pull`.</source>
        <translation>服务器上的项目请用服务器自身的工具备份，或用 `marginalia pull` 复制到文件中。</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../core/store/ProjectStore.cpp" line="+39"/>
        <source>%1 does not exist.</source>
        <translation>%1 不存在。</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../core/store/ProjectStore.cpp" line="+2"/>
        <source>%1 is not a file.</source>
        <translation>%1 不是文件。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 cannot be opened: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 is not a Marginalia project.</source>
        <translation>%1 不是 Marginalia 项目。</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+5"/>
        <source>%1 cannot be read: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+55"/>
        <source>%1 cannot be written: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location line="-49"/>
        <location line="+26"/>
        <location line="+7"/>
        <location line="+3"/>
        <source>Copying %1 failed: %2</source>
        <translation>复制 %1 失败：%2</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>The copy was cancelled; %1 was left unchanged.</source>
        <translation>复制已取消；%1 未作改动。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The copy of %1 failed its check (%2); %3 was left unchanged.</source>
        <translation>%1 的副本未通过检查（%2）；%3 未作改动。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The copy could not be written to disk (%1).</source>
        <translation>副本无法写入磁盘（%1）。</translation>
    </message>
    <message>
        <location filename="../core/store/ProjectStore.cpp" line="+9"/>
        <source>%1 is not a Marginalia project (it is not an SQLite database).</source>
        <translation>%1 不是 Marginalia 项目（它不是 SQLite 数据库）。</translation>
    </message>
    <message>
        <location filename="../core/store/LabelOutbox.cpp" line="+97"/>
        <source>Cannot create the folder %1 for labels waiting for the server.</source>
        <translation>无法创建用于存放等待发送到服务器的标签的文件夹 %1。</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+8"/>
        <location filename="../core/store/ProjectStore.cpp" line="-2"/>
        <source>opening %1</source>
        <translation>打开 %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>keeping a label for the server</source>
        <translation>为服务器保留标签</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>reading the labels waiting for the server</source>
        <translation>读取等待发送到服务器的标签</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>sending a label to the server</source>
        <translation>向服务器发送标签</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+3"/>
        <source>keeping a refused label</source>
        <translation>保留被拒绝的标签</translation>
    </message>
    <message>
        <location filename="../core/store/ProjectStore.cpp" line="-198"/>
        <source>The project&apos;s connection cannot search text.</source>
        <translation>项目连接无法搜索文本。</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Interrupted: the project was closed before the round finished.</source>
        <translation>已中断：本轮训练完成之前项目已被关闭。</translation>
    </message>
    <message>
        <location line="+159"/>
        <source>%1 is read-only, and Marginalia saves every label into the project file as you work. Make the file writable, or copy it to a folder you can write to.</source>
        <translation>%1 为只读，而 Marginalia 会在您工作时将每个标注保存到项目文件中。请使该文件可写，或将其复制到您可以写入的文件夹。</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+5"/>
        <source>%1 cannot be read; it may be corrupt. (%2)</source>
        <translation>无法读取 %1；文件可能已损坏。（%2）</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>%1 is an SQLite database but not a Marginalia project.</source>
        <translation>%1 是 SQLite 数据库，但不是 Marginalia 项目。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 was saved by a newer Marginalia (project format %2; this version reads up to %3). Please update Marginalia.</source>
        <translation>%1 由更新版本的 Marginalia 保存（项目格式 %2；当前版本最高支持 %3）。请更新 Marginalia。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 is damaged and cannot be opened safely: %2</source>
        <translation>%1 已损坏，无法安全打开：%2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 contains a trigger (&quot;%2&quot;), which Marginalia projects never have: it could change labels as they are saved, so the file is not opened.</source>
        <translation>%1 包含触发器（“%2”），而 Marginalia 项目从不包含触发器：它可能在保存时篡改标注，因此不会打开该文件。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Upgrading %1 failed; the file was left unchanged. (%2)</source>
        <translation>升级 %1 失败；文件未作任何更改。（%2）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The project&apos;s task type &quot;%1&quot; is unknown.</source>
        <translation>项目的任务类型“%1”未知。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>reading settings</source>
        <translation>读取设置</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>saving settings</source>
        <translation>保存设置</translation>
    </message>
    <message>
        <location filename="../core/store/ProjectStoreAnnotations.cpp" line="+27"/>
        <source>A single-label project needs exactly one label per sample.</source>
        <translation>单标签项目中每个样本必须恰好有一个标签。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The span %1–%2 is empty or out of range.</source>
        <translation>片段 %1–%2 为空或超出范围。</translation>
    </message>
    <message>
        <location line="+42"/>
        <location filename="../core/store/ProjectStoreRejections.cpp" line="+38"/>
        <location filename="../core/store/ProjectStoreSamples.cpp" line="+129"/>
        <source>reading a sample</source>
        <translation>读取样本</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../core/store/ProjectStoreImages.cpp" line="+66"/>
        <location filename="../core/store/ProjectStoreRejections.cpp" line="+4"/>
        <location filename="../core/store/ProjectStoreSamples.cpp" line="+4"/>
        <source>Sample %1 does not exist.</source>
        <translation>样本 %1 不存在。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The span %1–%2 lies outside the sample&apos;s text.</source>
        <translation>片段 %1–%2 超出了样本文本的范围。</translation>
    </message>
    <message>
        <location line="-18"/>
        <location line="+30"/>
        <location line="+14"/>
        <location line="+12"/>
        <source>saving an annotation</source>
        <translation>保存标注</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+31"/>
        <location line="+13"/>
        <source>reading annotations</source>
        <translation>读取标注</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>flagging a sample</source>
        <translation>为样本加旗标</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>removing a flag</source>
        <translation>移除旗标</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>reading a flag</source>
        <translation>读取旗标</translation>
    </message>
    <message>
        <location filename="../core/store/BrowseQuery.cpp" line="+30"/>
        <location line="+651"/>
        <location filename="../core/store/RunScores.cpp" line="+253"/>
        <location line="+14"/>
        <location line="+72"/>
        <location filename="../core/store/ServerBrowse.cpp" line="+99"/>
        <source>The search was cancelled.</source>
        <translation>搜索已取消。</translation>
    </message>
    <message>
        <location line="+212"/>
        <location line="+35"/>
        <location line="+13"/>
        <location filename="../core/store/RawStatement.h" line="+72"/>
        <source>Error while %1: %2</source>
        <translation>%1时出错：%2</translation>
    </message>
    <message>
        <location line="-499"/>
        <location line="+78"/>
        <location filename="../core/store/ProjectStoreAnnotations.cpp" line="+21"/>
        <location line="+11"/>
        <location filename="../core/store/ProjectStoreSamples.cpp" line="-30"/>
        <source>counting samples</source>
        <translation>统计样本数</translation>
    </message>
    <message>
        <location line="-125"/>
        <location line="+8"/>
        <location line="+398"/>
        <location line="+12"/>
        <source>searching</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../core/store/RunScores.cpp" line="-237"/>
        <source>A run&apos;s stored predictions are damaged; the next training round stores new ones.</source>
        <translation>某次训练保存的预测已损坏；下一轮训练会保存新的预测。</translation>
    </message>
    <message>
        <location line="+152"/>
        <location line="+80"/>
        <location line="+23"/>
        <source>reading predictions</source>
        <translation>读取预测</translation>
    </message>
    <message>
        <location filename="../core/store/BrowseQuery.cpp" line="+48"/>
        <location line="+13"/>
        <source>The project could not be searched: %1</source>
        <translation>无法搜索该项目：%1</translation>
    </message>
    <message>
        <location filename="../core/store/EngineHeartbeat.cpp" line="+52"/>
        <location filename="../core/store/ProjectStoreAnnotations.cpp" line="+13"/>
        <source>counting labels</source>
        <translation>统计标签数</translation>
    </message>
    <message>
        <location filename="../core/store/BrowseQuery.cpp" line="-657"/>
        <location line="+12"/>
        <location line="+37"/>
        <location line="+41"/>
        <location filename="../core/store/ProjectStoreLabels.cpp" line="+40"/>
        <source>reading labels</source>
        <translation>读取标签</translation>
    </message>
    <message>
        <location filename="../core/store/ProjectStoreLabels.cpp" line="+12"/>
        <location line="+30"/>
        <source>A label needs a name.</source>
        <translation>标签需要一个名称。</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>The label &quot;%1&quot; already exists.</source>
        <translation>标签“%1”已存在。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>adding a label</source>
        <translation>添加标签</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>changing a label</source>
        <translation>修改标签</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>That label no longer exists.</source>
        <translation>该标签已不存在。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>checking a label</source>
        <translation>检查标签</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>This label is used by %n annotation(s) and cannot be removed; rename it instead.</source>
        <translation>
            <numerusform>该标签已被 %n 条标注使用，无法删除；请改为重命名。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+3"/>
        <source>removing a label</source>
        <translation>删除标签</translation>
    </message>
    <message>
        <location line="-91"/>
        <source>reordering labels</source>
        <translation>重新排列标签</translation>
    </message>
    <message>
        <location line="+106"/>
        <source>looking up a label</source>
        <translation>查找标签</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The label &quot;%1&quot; is not in this project&apos;s label set.</source>
        <translation>标签“%1”不在本项目的标签集中。</translation>
    </message>
    <message>
        <location filename="../core/store/ProjectStoreRuns.cpp" line="+86"/>
        <source>starting a model run</source>
        <translation>开始模型训练轮次</translation>
    </message>
    <message>
        <location line="+28"/>
        <location line="+19"/>
        <location line="+8"/>
        <location line="+11"/>
        <location line="+8"/>
        <location line="+6"/>
        <location line="+18"/>
        <source>saving a model run</source>
        <translation>保存模型训练轮次</translation>
    </message>
    <message>
        <location line="+121"/>
        <location filename="../core/store/RunScores.cpp" line="-111"/>
        <source>saving predictions</source>
        <translation>保存预测结果</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>pruning old predictions</source>
        <translation>清理旧的预测结果</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+18"/>
        <location line="+12"/>
        <source>pruning old models</source>
        <translation>清理旧模型</translation>
    </message>
    <message>
        <location line="-181"/>
        <location line="+193"/>
        <location line="+16"/>
        <source>reading model runs</source>
        <translation>读取模型训练轮次</translation>
    </message>
    <message>
        <location line="-196"/>
        <source>Interrupted: the program running this round stopped before it finished (closed, killed or crashed).</source>
        <translation>已中断：运行本轮训练的程序在完成之前停止了（被关闭、被终止或崩溃）。</translation>
    </message>
    <message>
        <location line="+42"/>
        <location line="+24"/>
        <source>Training was cancelled.</source>
        <translation>训练已取消。</translation>
    </message>
    <message>
        <location line="+142"/>
        <location line="+8"/>
        <source>reading a model</source>
        <translation>读取模型</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Model run %1 has no saved model.</source>
        <translation>模型训练轮次 %1 没有已保存的模型。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>reading metrics</source>
        <translation>读取评估指标</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>reading losses</source>
        <translation>读取损失值</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>reading the confusion matrix</source>
        <translation>读取混淆矩阵</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+22"/>
        <source>reading the ranking</source>
        <translation>读取排序结果</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>reading a prediction</source>
        <translation>读取预测结果</translation>
    </message>
    <message>
        <location filename="../core/store/BrowseQuery.cpp" line="-132"/>
        <location line="+9"/>
        <location line="+2"/>
        <location line="+338"/>
        <location filename="../core/store/ProjectStoreSamples.cpp" line="+12"/>
        <source>listing samples</source>
        <translation>列出样本</translation>
    </message>
    <message>
        <location filename="../core/store/ProjectStoreSamples.cpp" line="+52"/>
        <location line="+33"/>
        <location line="+20"/>
        <source>reading samples</source>
        <translation>读取样本</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>A sample needs text.</source>
        <translation>样本需要文本。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>adding a sample</source>
        <translation>添加样本</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>indexing a sample&apos;s text</source>
        <translation>为样本文本建立索引</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>changing a sample&apos;s split</source>
        <translation>更改样本的数据划分</translation>
    </message>
    <message>
        <location filename="../core/store/ProjectFiles.cpp" line="+51"/>
        <source>%1 is a Marginalia project that is open here; it cannot be read as a data file. Export it first, or choose another file.</source>
        <translation>%1 是此处已打开的 Marginalia 项目，不能作为数据文件读取。请先导出它，或选择其他文件。</translation>
    </message>
    <message>
        <location filename="../core/store/Schema.cpp" line="+301"/>
        <location line="+13"/>
        <location line="+33"/>
        <source>upgrading stored predictions</source>
        <translation>升级已保存的预测</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Stored models from an older version of Marginalia were removed: this version keeps models in a new format. Runs, metrics and predictions are kept; the next training round trains a new model.</source>
        <translation>已删除旧版本 Marginalia 存储的模型：此版本以新格式保存模型。训练记录、指标和预测均保留；下一轮训练将训练新模型。</translation>
    </message>
    <message>
        <location filename="../core/store/BrowseQuery.cpp" line="+361"/>
        <location line="+6"/>
        <location line="+50"/>
        <location filename="../core/store/ProjectTransfer.cpp" line="+520"/>
        <location line="+3"/>
        <location filename="../core/store/Schema.cpp" line="+22"/>
        <source>indexing the samples&apos; text</source>
        <translation>为样本文本建立索引</translation>
    </message>
    <message>
        <location filename="../core/store/TextSearch.cpp" line="+56"/>
        <source>The regular expression is not valid: %1 (at character %2).</source>
        <translation>正则表达式无效：%1（在第 %2 个字符处）。</translation>
    </message>
    <message>
        <location filename="../core/store/ProjectStorePoolVectors.cpp" line="+27"/>
        <source>saving the learned word vectors</source>
        <translation>保存学到的词向量</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>reading the learned word vectors</source>
        <translation>读取学到的词向量</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>removing the learned word vectors</source>
        <translation>删除学到的词向量</translation>
    </message>
    <message>
        <location filename="../core/store/ProjectStoreRejections.cpp" line="+9"/>
        <source>saving a rejected label</source>
        <translation>保存被拒绝的标签</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>withdrawing a rejected label</source>
        <translation>撤回被拒绝的标签</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The rejected label %1 does not exist.</source>
        <translation>被拒绝的标签 %1 不存在。</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+17"/>
        <location line="+25"/>
        <source>reading rejected labels</source>
        <translation>读取被拒绝的标签</translation>
    </message>
    <message>
        <location filename="../core/store/ProjectStoreImages.cpp" line="-23"/>
        <source>embedding an image in the project</source>
        <translation>将图片嵌入项目</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>counting embedded images</source>
        <translation>统计嵌入的图片</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>reading an image sample</source>
        <translation>读取图片样本</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1: the image is missing (moved, renamed or deleted since it was imported).</source>
        <translation>%1：图片不见了（导入后被移动、重命名或删除）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: the file has grown to %2 MB since it was imported.</source>
        <translation>%1：该文件在导入后已增大到 %2 MB。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: cannot read the image (%2).</source>
        <translation>%1：无法读取图片（%2）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: the image has changed since it was imported; its label would no longer be about this picture. Import it again as a new sample.</source>
        <translation>%1：图片在导入后已被修改，其标签将不再对应这张图片。请将它作为新样本重新导入。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>reading stored encoder features</source>
        <translation>读取存储的编码器特征</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>storing encoder features</source>
        <translation>存储编码器特征</translation>
    </message>
    <message>
        <location filename="../core/store/ProjectStoreAnnotators.cpp" line="+34"/>
        <location line="+23"/>
        <source>reading the annotators&apos; labels</source>
        <translation>读取标注者的标签</translation>
    </message>
    <message>
        <location filename="../core/store/AnnotatorActivity.cpp" line="+26"/>
        <location line="+22"/>
        <location line="+12"/>
        <source>reading who labeled what</source>
        <translation>读取标注者信息</translation>
    </message>
    <message>
        <location filename="../core/store/Assignments.cpp" line="+70"/>
        <source>assigning samples</source>
        <translation>分配样本</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>giving samples back</source>
        <translation>归还样本</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>reading the overlap samples</source>
        <translation>读取重叠样本</translation>
    </message>
    <message>
        <location filename="../core/store/ProjectTransfer.cpp" line="-461"/>
        <location filename="../core/store/ServerTeam.cpp" line="+116"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+16"/>
        <location line="+85"/>
        <location line="+20"/>
        <source>reading the project&apos;s tables</source>
        <translation>读取项目的表</translation>
    </message>
    <message>
        <location line="-53"/>
        <location line="+4"/>
        <source>copying %1</source>
        <translation>复制 %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The copy was cancelled; nothing was written.</source>
        <translation>复制已取消；未写入任何内容。</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+245"/>
        <source>reading %1</source>
        <translation>读取 %1</translation>
    </message>
    <message>
        <location line="-221"/>
        <source>The project&apos;s table %1 has a constraint that cannot be read.</source>
        <translation>项目的表 %1 含有无法读取的约束。</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+25"/>
        <source>creating the project&apos;s constraints on the server</source>
        <translation>在服务器上创建项目的约束</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+16"/>
        <location line="+7"/>
        <source>reading the project&apos;s indexes</source>
        <translation>读取项目的索引</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>creating the project&apos;s indexes on the server</source>
        <translation>在服务器上创建项目的索引</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>creating the project&apos;s defaults on the server</source>
        <translation>在服务器上创建项目的默认值</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>creating the project&apos;s ids on the server</source>
        <translation>在服务器上创建项目的编号序列</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>counting %1</source>
        <translation>统计 %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No upgrade of a server project from schema version %1 exists.</source>
        <translation>不存在从格式版本 %1 升级服务器项目的方法。</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>reading the project</source>
        <translation>读取项目</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+118"/>
        <location filename="../core/store/ServerTeam.cpp" line="+78"/>
        <source>Cannot start a transaction on %1: %2</source>
        <translation>无法在 %1 上开始事务：%2</translation>
    </message>
    <message>
        <location line="-111"/>
        <location filename="../core/store/ServerTeam.cpp" line="-72"/>
        <source>looking for the project on the server</source>
        <translation>在服务器上查找项目</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server already has a project &quot;%1&quot;; --replace replaces it.</source>
        <translation>服务器上已有项目“%1”；使用 --replace 可替换它。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>replacing the project on the server</source>
        <translation>替换服务器上的项目</translation>
    </message>
    <message>
        <location line="-74"/>
        <location line="+79"/>
        <location line="+11"/>
        <source>creating the project on the server</source>
        <translation>在服务器上创建项目</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>creating %1 on the server</source>
        <translation>在服务器上创建 %1</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The server did not take the project: %1</source>
        <translation>服务器未接受该项目：%1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 already exists; pull writes a new project file.</source>
        <translation>%1 已存在；pull 会写入一个新的项目文件。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The server has no project &quot;%1&quot; (%2).</source>
        <translation>服务器上没有项目“%1”（%2）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The project on the server has schema version %1; this Marginalia reads version %2. Pull it with the version that pushed it.</source>
        <translation>服务器上的项目的架构版本为 %1；此 Marginalia 读取版本 %2。请用推送它的版本拉取。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The project on the server names no task Marginalia knows.</source>
        <translation>服务器上的项目没有 Marginalia 认识的任务。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>reading the project on the server</source>
        <translation>读取服务器上的项目</translation>
    </message>
    <message>
        <location line="+28"/>
        <location line="+3"/>
        <source>writing the project</source>
        <translation>写入项目</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>reading %1 on the server</source>
        <translation>读取服务器上的 %1</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Cannot move the pulled project to %1.</source>
        <translation>无法将拉取的项目移动到 %1。</translation>
    </message>
    <message>
        <location filename="../core/store/ServerLocation.cpp" line="+48"/>
        <source>&quot;%1&quot; is not a server location: postgresql://[user[:password]@][host][:port]/DATABASE?project=NAME</source>
        <translation>“%1”不是服务器位置：postgresql://[用户[:密码]@][主机][:端口]/数据库?project=名称</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 names no database (…/DATABASE?project=NAME).</source>
        <translation>%1 没有指定数据库（…/数据库?project=名称）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 needs ?project=NAME, NAME of 1 to 48 letters, digits, &apos;_&apos; or &apos;-&apos;.</source>
        <translation>%1 需要 ?project=名称，名称由 1 到 48 个字母、数字、“_”或“-”组成。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unknown sslmode &quot;%1&quot; (one of %2).</source>
        <translation>未知的 sslmode“%1”（应为 %2 之一）。</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Qt&apos;s PostgreSQL driver is not installed (Debian: libqt6sql6-psql).</source>
        <translation>未安装 Qt 的 PostgreSQL 驱动（Debian：libqt6sql6-psql）。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Cannot connect to %1: %2</source>
        <translation>无法连接到 %1：%2</translation>
    </message>
    <message>
        <location filename="../core/store/ServerTeam.cpp" line="+2"/>
        <source>The server has no project &quot;%1&quot; (%2); push it first.</source>
        <translation>服务器上没有项目“%1”（%2）；请先推送它。</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+2"/>
        <source>setting up the project&apos;s roles</source>
        <translation>设置项目的角色</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>setting up the project&apos;s permissions</source>
        <translation>设置项目的权限</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>&quot;%1&quot; is not a login name the server and the labels can share: lower-case letters, digits and &apos;_&apos;, starting with a letter, at most 63.</source>
        <translation>“%1”不是服务器和标签都能使用的登录名：只能使用小写字母、数字和“_”，以字母开头，最多 63 个字符。</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+2"/>
        <location line="+3"/>
        <location line="+2"/>
        <source>adding %1</source>
        <translation>添加 %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The server did not take the change: %1</source>
        <translation>服务器未接受此更改：%1</translation>
    </message>
    <message>
        <location line="-61"/>
        <location line="+79"/>
        <source>reading the project&apos;s team</source>
        <translation>读取项目的团队</translation>
    </message>
    <message>
        <location filename="../core/store/ProjectStoreServer.cpp" line="+51"/>
        <source>opening the project on the server</source>
        <translation>打开服务器上的项目</translation>
    </message>
    <message>
        <location line="+11"/>
        <location filename="../core/store/ProjectTransfer.cpp" line="-217"/>
        <location line="+17"/>
        <source>upgrading the project on the server</source>
        <translation>升级服务器上的项目</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The server has no project &quot;%1&quot; (%2); push one there first.</source>
        <translation>服务器上没有项目“%1”（%2）；请先推送一个项目到那里。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The project on the server has schema version %1; this Marginalia works on version %2. Open it with the version that pushed it.</source>
        <translation>服务器上的项目格式版本为 %1；此版本的 Marginalia 使用版本 %2。请用推送它的版本打开。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The project on the server has schema version %1 and needs an upgrade to version %2, which failed; nothing was changed. Its owner upgrades it by opening it once. (%3)</source>
        <translation>服务器上的项目格式版本为 %1，需要升级到版本 %2，但升级失败；没有任何改动。项目所有者打开一次即可升级。（%3）</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The server already has a project &quot;%1&quot; (%2); open it, or choose another name.</source>
        <translation>服务器上已有项目“%1”（%2）；请打开它，或换一个名称。</translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../core/store/ProjectTransfer.cpp" line="-12"/>
        <source>No temporary folder to build the new project in.</source>
        <translation>没有可用于构建新项目的临时文件夹。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The server %1 cannot be reached.</source>
        <translation>无法连接服务器 %1。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The server %1 cannot be reached: %2</source>
        <translation>无法连接服务器 %1：%2</translation>
    </message>
    <message>
        <location line="-85"/>
        <source>The server %1 does not announce changes: %2</source>
        <translation>服务器 %1 不通知变更：%2</translation>
    </message>
    <message>
        <location line="+139"/>
        <source>The label could not be saved: the server is unreachable (%1) and keeping it on this computer failed too (%2).</source>
        <translation>标签无法保存：服务器无法连接（%1），且保存在本机也失败了（%2）。</translation>
    </message>
    <message>
        <location filename="../core/store/RawStatement.h" line="+2"/>
        <source>this works on a project file only</source>
        <translation>此操作仅适用于项目文件</translation>
    </message>
</context>
<context>
    <name>Studio</name>
    <message>
        <location filename="../ui/StudioApplication.cpp" line="+32"/>
        <source>Project file to open.</source>
        <translation>要打开的项目文件。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the demo project.</source>
        <translation>打开演示项目。</translation>
    </message>
</context>
<context>
    <name>Text</name>
    <message>
        <location filename="../core/text/SentencePieceTokenizer.cpp" line="+55"/>
        <source>The SentencePiece module cannot be loaded: %1</source>
        <translation>无法加载 SentencePiece 模块：%1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The SentencePiece module lacks %1.</source>
        <translation>SentencePiece 模块缺少 %1。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The SentencePiece model %1 does not exist.</source>
        <translation>SentencePiece 模型 %1 不存在。</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+9"/>
        <source>%1 is not a SentencePiece model file (a regular file of at most %2 MB).</source>
        <translation>%1 不是 SentencePiece 模型文件（应为不超过 %2 MB 的普通文件）。</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>The SentencePiece model %1 cannot be read: %2</source>
        <translation>无法读取 SentencePiece 模型 %1：%2</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 is not a SentencePiece model: %2</source>
        <translation>%1 不是 SentencePiece 模型：%2</translation>
    </message>
</context>
<context>
    <name>Tr</name>
    <message>
        <location filename="../app/EngineLoader.cpp" line="+20"/>
        <source>The model engine %1 is damaged: %2</source>
        <translation>模型引擎 %1 已损坏：%2</translation>
    </message>
</context>
<context>
    <name>marginalia::ml::TrainingController</name>
    <message>
        <location filename="../core/ml/TrainingController.cpp" line="+155"/>
        <source>Looking for wrong labels was cancelled.</source>
        <translation>查找错误标签已取消。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Learning from unlabeled text was cancelled.</source>
        <translation>从未标注文本中学习已取消。</translation>
    </message>
</context>
<context>
    <name>marginalia::ui::AgreementPanel</name>
    <message>
        <location filename="../ui/AgreementPanel.cpp" line="+67"/>
        <source>Annotator</source>
        <translation>标注者</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Samples both labeled</source>
        <translation>两人都标注的样本</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cohen&apos;s kappa</source>
        <translation>Cohen&apos;s kappa</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No sample was labeled by two annotators yet. Import each person&apos;s labels with --annotator NAME, or label with several studios and an overlap share (Model &gt; Settings).</source>
        <translation>还没有样本被两位标注者标注。用 --annotator 名称 导入每个人的标签，或用多个工作室并设置重叠比例（模型 &gt; 设置）进行标注。</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n annotator(s); %1 samples labeled by two or more. Fleiss&apos; kappa %2 (over the %3 samples everyone labeled), Krippendorff&apos;s alpha %4.</source>
        <translation>
            <numerusform>%n 位标注者；%1 个样本由两人或以上标注。Fleiss&apos; kappa %2（基于所有人都标注的 %3 个样本），Krippendorff&apos;s alpha %4。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>(unnamed)</source>
        <translation>（未命名）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Krippendorff&apos;s alpha</source>
        <translation>Krippendorff&apos;s alpha</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fleiss&apos; kappa</source>
        <translation>Fleiss&apos; kappa</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Agreement on the label (1 = perfect, 0 = chance)</source>
        <translation>标签上的一致性（1 = 完全一致，0 = 随机）</translation>
    </message>
</context>
<context>
    <name>marginalia::ui::BrowseView</name>
    <message>
        <location filename="../ui/BrowseView.cpp" line="+145"/>
        <source>All samples</source>
        <translation>全部样本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Labeled</source>
        <translation>已标注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unlabeled</source>
        <translation>未标注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ranked queue</source>
        <translation>排序队列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Human and model disagree</source>
        <translation>人工与模型不一致</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flagged</source>
        <translation>已标记</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Set label of selected</source>
        <translation>为所选样本设置标签</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit spans of selected</source>
        <translation>编辑所选样本的片段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Predicted</source>
        <translation>预测</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confidence at least</source>
        <translation>置信度至少为</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only samples the model predicts with at least this confidence</source>
        <translation>只显示模型预测置信度不低于此值的样本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>at most</source>
        <translation>至多</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only samples the model predicts with at most this confidence</source>
        <translation>只显示模型预测置信度不超过此值的样本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accept the model&apos;s guesses for selected</source>
        <translation>对所选样本接受模型的猜测</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Labels each selected unlabeled pool sample with the model&apos;s guess, in one step that Ctrl+Z undoes. Stored as model-accepted: counted apart in the charts, never used to evaluate the model.</source>
        <translation>用模型的猜测一步标注所选的每个未标注样本池样本，可用 Ctrl+Z 撤销。存储为“接受模型猜测”：在图表中单独计数，从不用于评估模型。</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+2"/>
        <location line="+35"/>
        <location line="+1"/>
        <source>Any</source>
        <translation>任意</translation>
    </message>
    <message>
        <location line="+119"/>
        <source>Nothing to accept: select unlabeled pool samples that have a model&apos;s guess.</source>
        <translation>没有可接受的内容：请选择有模型猜测的未标注样本池样本。</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Accept %n model guess(es)</source>
        <translation>
            <numerusform>接受 %n 个模型猜测</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The guesses were not accepted: %1</source>
        <translation>未接受这些猜测：%1</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Accepted %n model guess(es)</source>
        <translation>
            <numerusform>已接受 %n 个模型猜测</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source> (%n sample(s) skipped: labeled, evaluation, without a guess or with the guess rejected)</source>
        <translation>
            <numerusform>（跳过 %n 个样本：已标注、评估样本、没有猜测或猜测已被否定）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>Searching… the first %n match(es) shown</source>
        <translation>
            <numerusform>正在搜索…已显示前 %n 条匹配</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The samples could not be listed: %1</source>
        <translation>无法列出样本：%1</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n sample(s) shown</source>
        <translation>
            <numerusform>显示 %n 个样本</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-83"/>
        <source>Relabel %n sample(s) as %1</source>
        <translation>
            <numerusform>将 %n 个样本重新标注为 %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="-123"/>
        <source>Search text: words, &quot;a phrase&quot; or /a regular expression/</source>
        <translation>搜索文本：词语、&quot;短语&quot;或 /正则表达式/</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every word must occur (case-insensitive); &quot;quoted words&quot; are one phrase. Between slashes, a regular expression: /refund|chargeback/, /^退款/.</source>
        <translation>每个词都必须出现（不区分大小写）；&quot;引号中的词&quot;视为一个短语。斜杠之间为正则表达式：/refund|chargeback/、/^退款/。</translation>
    </message>
    <message>
        <location line="+125"/>
        <source>Relabel as %1</source>
        <translation>重新标注为 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The label was not saved: %1</source>
        <translation>标签未保存：%1</translation>
    </message>
</context>
<context>
    <name>marginalia::ui::ChartsView</name>
    <message>
        <location filename="../ui/ChartsView.cpp" line="+102"/>
        <source>Learning curve</source>
        <translation>学习曲线</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Support</source>
        <translation>样本数</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Run detail</source>
        <translation>运行详情</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Labels and stopping</source>
        <translation>标签分布与停止信号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save as PNG…</source>
        <translation>另存为 PNG…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>Save chart</source>
        <translation>保存图表</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <location line="+147"/>
        <source>Run %1 · %2 labels · %3 · %4</source>
        <translation>运行 %1 · %2 个标签 · %3 · %4</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>Predicted</source>
        <translation>预测</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gold</source>
        <translation>真实标签</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>dev loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>pool</source>
        <translation>样本池</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pool, model&apos;s guess accepted</source>
        <translation>样本池，已接受模型猜测</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>evaluation</source>
        <translation>评估</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Labeled samples</source>
        <translation>已标注样本</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Samples with this entity type</source>
        <translation>含此实体类型的样本</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>kappa with previous run</source>
        <translation>与上次运行的 kappa</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>stop at 0.99</source>
        <translation>停止线 0.99</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Labeled training samples</source>
        <translation>已标注训练样本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cohen&apos;s kappa</source>
        <translation>Cohen kappa 系数</translation>
    </message>
</context>
<context>
    <name>marginalia::ui::ExportDialog</name>
    <message>
        <location filename="../ui/ExportDialog.cpp" line="+27"/>
        <source>Export labels</source>
        <translation>导出标签</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>JSON Lines with character spans (.jsonl)</source>
        <translation>带字符片段的 JSON Lines (.jsonl)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CoNLL, one token and BIO tag a line (.conll)</source>
        <translation>CoNLL，每行一个词元及其 BIO 标记 (.conll)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JSON Lines with tokens and BIO tags (.jsonl)</source>
        <translation>带词元和 BIO 标记的 JSON Lines (.jsonl)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Image folders, one per label (copies or links of the images)</source>
        <translation>图片文件夹，每个标签一个（图片的副本或链接）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JSON Lines, an image path and its label a line (.jsonl)</source>
        <translation>JSON Lines，每行一个图片路径及其标签（.jsonl）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV, an image path and its label a row (.csv)</source>
        <translation>CSV，每行一个图片路径及其标签（.csv）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>JSON Lines (.jsonl)</source>
        <translation>JSON Lines (.jsonl)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV (.csv)</source>
        <translation>CSV (.csv)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Label Studio tasks with annotations (.json)</source>
        <translation>Label Studio 任务及标注 (.json)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prodigy answers, rejected labels included (.jsonl)</source>
        <translation>Prodigy 答案，含被拒绝的标签 (.jsonl)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>doccano (.jsonl)</source>
        <translation>doccano (.jsonl)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Separate train / dev / test files (into a folder)</source>
        <translation>分别输出训练 / 验证 / 测试文件（写入文件夹）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Include unlabeled samples</source>
        <translation>包含未标注样本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Include each sample&apos;s metadata</source>
        <translation>包含每个样本的元数据</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the folder when done</source>
        <translation>完成后打开文件夹</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export into folder</source>
        <translation>导出到文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export to file</source>
        <translation>导出到文件</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Write to</source>
        <translation>写入到</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Choose where to write the export.</source>
        <translation>请选择导出位置。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Wrote %1 samples to %2</source>
        <translation>已将 %1 个样本写入 %2</translation>
    </message>
</context>
<context>
    <name>marginalia::ui::ImageEditor</name>
    <message>
        <location filename="../ui/ImageEditor.cpp" line="+63"/>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit the image to the window (/)</source>
        <translation>使图片适应窗口（/）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1:1</source>
        <translation>1:1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Actual pixels (*)</source>
        <translation>实际像素（*）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Zoom out (-, Ctrl+wheel)</source>
        <translation>缩小（-，Ctrl+滚轮）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Zoom in (+, Ctrl+wheel)</source>
        <translation>放大（+，Ctrl+滚轮）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Keys: label keys label and advance · Enter/Space accept the model&apos;s guess · S skip · F flag · Backspace back · + - zoom (Ctrl+wheel) · * actual pixels · / fit · Ctrl+Z undo · Ctrl+Shift+Z redo · Ctrl+T train now</source>
        <translation>按键：标签键标注并前进 · Enter/Space 接受模型的猜测 · S 跳过 · F 标记 · Backspace 返回 · + - 缩放（Ctrl+滚轮）· * 实际像素 · / 适应窗口 · Ctrl+Z 撤销 · Ctrl+Shift+Z 重做 · Ctrl+T 立即训练</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>This image cannot be shown.

%1

Skip it (S) or flag it (F).</source>
        <translation>无法显示此图片。

%1

请跳过（S）或标记（F）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The image is still loading: the label was not saved.</source>
        <translation>图片仍在加载：标签未保存。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This image cannot be shown, so it cannot be labeled: skip it (S) or flag it (F).</source>
        <translation>无法显示此图片，因此无法标注：请跳过（S）或标记（F）。</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>fit, %1%</source>
        <translation>适应窗口，%1%</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 · %2 × %3 pixels · zoom %4</source>
        <translation>%1 · %2 × %3 像素 · 缩放 %4</translation>
    </message>
</context>
<context>
    <name>marginalia::ui::ImageGridDelegate</name>
    <message>
        <location filename="../ui/ImageGridDelegate.cpp" line="+50"/>
        <source>No image</source>
        <translation>无图片</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 (accepted)</source>
        <translation>%1（已接受）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1? %2%</source>
        <translation>%1？%2%</translation>
    </message>
</context>
<context>
    <name>marginalia::ui::ImageGridModel</name>
    <message>
        <location filename="../ui/ImageGridModel.cpp" line="+80"/>
        <location line="+13"/>
        <source>Reading the images failed: %1</source>
        <translation>读取图片失败：%1</translation>
    </message>
    <message>
        <location line="+163"/>
        <source>Label: %1</source>
        <translation>标签：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model&apos;s guess: %1 (confidence %2%)</source>
        <translation>模型的猜测：%1（置信度 %2%）</translation>
    </message>
</context>
<context>
    <name>marginalia::ui::ImageGridView</name>
    <message>
        <location filename="../ui/ImageGridView.cpp" line="+145"/>
        <source>Thumbnail size (Ctrl+wheel over the grid)</source>
        <translation>缩略图大小（在网格上按 Ctrl+滚轮）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unlabeled</source>
        <translation>未标注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Labeled</source>
        <translation>已标注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All pool images</source>
        <translation>样本池中的所有图片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Predicted</source>
        <translation>预测</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confidence at least</source>
        <translation>置信度至少为</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only images the model predicts with at least this confidence</source>
        <translation>只显示模型预测置信度不低于此值的图片</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+41"/>
        <source>Any</source>
        <translation>任意</translation>
    </message>
    <message>
        <location line="-40"/>
        <source>Accept the model&apos;s guesses for selected (Enter)</source>
        <translation>接受所选项的模型猜测（Enter）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Labels each selected unlabeled image with the model&apos;s guess, in one step that Ctrl+Z undoes. Stored as model-accepted: counted apart in the charts.</source>
        <translation>用模型的猜测标注每张选中的未标注图片，一步完成，可用 Ctrl+Z 撤销。存储为“模型接受”：在图表中单独计数。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select images (click, Shift/Ctrl+click, drag, Ctrl+A), then press a label key to label them all, or Enter (A) to accept the model&apos;s guesses. Ctrl+Z undoes. Double-click opens an image in the Label tab. Evaluation images are labeled there, blind.</source>
        <translation>选择图片（单击、Shift/Ctrl+单击、拖动、Ctrl+A），然后按标签键全部标注，或按 Enter（A）接受模型的猜测。Ctrl+Z 撤销。双击在“标注”标签页中打开图片。评估图片在那里盲标。</translation>
    </message>
    <message numerus="yes">
        <location line="+85"/>
        <source>%n image(s), %1 selected</source>
        <translation>
            <numerusform>%n 张图片，已选 %1 张</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n 张图片</numerusform>
        </translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Select images first (click, Shift/Ctrl+click, Ctrl+A), then press a label key.</source>
        <translation>请先选择图片（单击、Shift/Ctrl+单击、Ctrl+A），然后按标签键。</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Label all %n selected images as %1?</source>
        <translation>
            <numerusform>将所有 %n 张选中的图片标注为 %1？</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>Label %n image(s) as %1</source>
        <translation>
            <numerusform>将 %n 张图片标注为 %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+35"/>
        <source>Nothing to accept: select unlabeled images that have a model&apos;s guess.</source>
        <translation>没有可接受的内容：请选择有模型猜测的未标注图片。</translation>
    </message>
    <message numerus="yes">
        <location line="-32"/>
        <source>Accept the model&apos;s guesses for all %n selected images?</source>
        <translation>
            <numerusform>接受所有 %n 张选中图片的模型猜测？</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+36"/>
        <source>Accept %n model guess(es)</source>
        <translation>
            <numerusform>接受 %n 个模型猜测</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Accepted %n guess(es); %1 selected image(s) were labeled already or had no guess.</source>
        <translation>
            <numerusform>已接受 %n 个猜测；%1 张选中的图片已标注或没有猜测。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Label many images</source>
        <translation>标注大量图片</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>One step: Ctrl+Z undoes it.</source>
        <translation>一步完成：Ctrl+Z 可撤销。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The labels were not saved: %1</source>
        <translation>标签未保存：%1</translation>
    </message>
</context>
<context>
    <name>marginalia::ui::ImportPanel</name>
    <message>
        <location filename="../ui/ImportPanel.cpp" line="+56"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Import of %1 failed: %2</source>
        <translation>导入 %1 失败：%2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: imported %2 images (%3 labeled, %4 for evaluation), %5 duplicates, %6 files skipped.</source>
        <translation>%1：已导入 %2 张图片（%3 张已标注，%4 张用于评估），%5 张重复，跳过 %6 个文件。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: imported %2 samples (%3 labeled, %4 for evaluation), %5 duplicates, %6 bad lines.</source>
        <translation>%1：已导入 %2 个样本（%3 个已标注，%4 个用于评估），%5 个重复，%6 行有误。</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n rejected label(s) recorded.</source>
        <translation>
            <numerusform>记录了 %n 个被拒绝的标签。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelled: what was imported before stays.</source>
        <translation>已取消：之前导入的内容会保留。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>tasks %1</source>
        <translation>任务 %1</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Not used, %n time(s): %1</source>
        <translation>
            <numerusform>未使用，%n 次：%1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>marginalia::ui::LabelKeys</name>
    <message>
        <location filename="../ui/LabelKeys.cpp" line="+77"/>
        <source>A label&apos;s key is one letter, digit or sign.</source>
        <translation>标签的按键是一个字母、数字或符号。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 is a labeling command&apos;s key.</source>
        <translation>%1 是一个标注命令的按键。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is the studio&apos;s shortcut for another command.</source>
        <translation>%1 是工作室中另一个命令的快捷键。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is already the key of &quot;%2&quot;.</source>
        <translation>%1 已经是“%2”的按键。</translation>
    </message>
</context>
<context>
    <name>marginalia::ui::LabelSetDialog</name>
    <message>
        <location filename="../ui/LabelSetDialog.cpp" line="+18"/>
        <source>Label set</source>
        <translation>标签集</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Color</source>
        <translation>颜色</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Key</source>
        <translation>按键</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add label</source>
        <translation>添加标签</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove label</source>
        <translation>删除标签</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>label %1</source>
        <translation>标签 %1</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Given by default; type another key to keep one of its own.</source>
        <translation>默认分配；输入另一个按键可使用其专属按键。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Key not changed: %1</source>
        <translation>按键未更改：%1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>marginalia::ui::LabelingView</name>
    <message>
        <location filename="../ui/LabelButtonsEditor.cpp" line="+47"/>
        <source>Evaluation sample: label it as you see it. It measures the model and is never chosen by it.</source>
        <translation>评估样本：请按您的判断标注。它用于衡量模型，模型从不选择它。</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Accept (Enter)</source>
        <translation>接受 (Enter)</translation>
    </message>
    <message>
        <location filename="../ui/LabelingView.cpp" line="+120"/>
        <source>Accept</source>
        <translation>接受</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flag for review</source>
        <translation>标记以待复核</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to the previous sample</source>
        <translation>返回上一个样本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Teach mode</source>
        <translation>教学模式(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Teach: yes, it is this label</source>
        <translation>教学：是，就是这个标签</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Teach: no, not this label</source>
        <translation>教学：不，不是这个标签</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Teach: skip</source>
        <translation>教学：跳过</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skip (S)</source>
        <translation>跳过 (S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flag (F)</source>
        <translation>标记 (F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back (Backspace)</source>
        <translation>返回 (Backspace)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why flag this sample? Enter saves, Esc cancels</source>
        <translation>为什么标记此样本？Enter 保存，Esc 取消</translation>
    </message>
    <message>
        <location line="+125"/>
        <source>No images yet: import a folder of images (a subfolder per label) with File ▸ Import, or drop it on the window.</source>
        <translation>还没有图片：用 文件 ▸ 导入 导入一个图片文件夹（每个标签一个子文件夹），或将其拖放到窗口上。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every image is labeled. Export the project or review labels in the Grid.</source>
        <translation>所有图片都已标注。导出项目，或在“网格”中检查标签。</translation>
    </message>
    <message>
        <location filename="../ui/LabelButtonsEditor.cpp" line="+9"/>
        <source>Keys: label keys toggle · Enter commits · S skip · F flag · Backspace back · Ctrl+Z undo · Ctrl+Shift+Z redo · Ctrl+T train now</source>
        <translation>按键：标签键切换选择 · Enter 提交 · S 跳过 · F 标记 · Backspace 返回 · Ctrl+Z 撤销 · Ctrl+Shift+Z 重做 · Ctrl+T 立即训练</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keys: label keys label and advance · Enter/Space accept the model&apos;s guess · S skip · F flag · Backspace back · Ctrl+Z undo · Ctrl+Shift+Z redo · Ctrl+T train now</source>
        <translation>按键：标签键标注并前进 · Enter/空格 接受模型的猜测 · S 跳过 · F 标记 · Backspace 返回 · Ctrl+Z 撤销 · Ctrl+Shift+Z 重做 · Ctrl+T 立即训练</translation>
    </message>
    <message>
        <location filename="../ui/LabelingView.cpp" line="+3"/>
        <source>Every sample is labeled. Export the project or review labels in Browse.</source>
        <translation>所有样本都已标注。请导出项目，或在“浏览”中检查标签。</translation>
    </message>
    <message>
        <location filename="../ui/LabelButtonsEditor.cpp" line="+71"/>
        <source>Model&apos;s guess: %1 (confidence %2%)</source>
        <translation>模型的猜测：%1（置信度 %2%）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Model&apos;s guess: hidden on evaluation samples</source>
        <translation>模型的猜测：评估样本上不显示</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model&apos;s guess: none yet</source>
        <translation>模型的猜测：暂无</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Current label: %1</source>
        <translation>当前标签：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not: %1</source>
        <translation>不是：%1</translation>
    </message>
    <message>
        <location filename="../ui/LabelingView.cpp" line="+8"/>
        <source>Labeled: %1 of %2 pool samples · evaluation: %3 of %4 target</source>
        <translation>已标注：样本池 %2 个中的 %1 个 · 评估：目标 %4 个中的 %3 个</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Chosen by the model: strategy %1, score %2, rank %3</source>
        <translation>由模型选出：策略 %1，分数 %2，排名 %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Random evaluation sample</source>
        <translation>随机评估样本</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Random pick: no model has ranked the pool yet</source>
        <translation>随机选取：尚无模型对样本池排序</translation>
    </message>
    <message>
        <location filename="../ui/LabelButtonsEditor.cpp" line="+58"/>
        <source>Label sample %1 as %2</source>
        <translation>将样本 %1 标注为 %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The label was not saved: %1</source>
        <translation>标签未保存：%1</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>No guess to accept yet: press a label key.</source>
        <translation>暂无可接受的猜测：请按标签键。</translation>
    </message>
    <message>
        <location filename="../ui/LabelingView.cpp" line="+30"/>
        <source>Flagged sample %1.</source>
        <translation>已标记样本 %1。</translation>
    </message>
    <message>
        <location line="-57"/>
        <source>No samples yet: import a file with File ▸ Import, or drop it on the window.</source>
        <translation>还没有样本：请通过“文件 ▸ 导入”导入文件，或将文件拖到窗口上。</translation>
    </message>
</context>
<context>
    <name>marginalia::ui::LearningCurvePlot</name>
    <message>
        <location filename="../ui/LearningCurvePlot.cpp" line="+12"/>
        <source>Labeled training samples</source>
        <translation>已标注训练样本</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+36"/>
        <source>Score on the evaluation split</source>
        <translation>评估集上的得分</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Entity-level score on the evaluation split</source>
        <translation>评估集上的实体级得分</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>macro precision</source>
        <translation>宏平均精确率</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>entity macro precision</source>
        <translation>实体宏平均精确率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>macro recall</source>
        <translation>宏平均召回率</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>entity macro recall</source>
        <translation>实体宏平均召回率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>macro F1</source>
        <translation>宏平均 F1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>entity macro F1</source>
        <translation>实体宏平均 F1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>micro F1</source>
        <translation>微平均 F1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>entity micro F1</source>
        <translation>实体微平均 F1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>F1 %1</source>
        <translation>F1 %1</translation>
    </message>
</context>
<context>
    <name>marginalia::ui::MainWindow</name>
    <message>
        <location filename="../ui/MainWindow.cpp" line="+63"/>
        <location line="+140"/>
        <location line="+360"/>
        <source>Marginalia</source>
        <translation>Marginalia</translation>
    </message>
    <message>
        <location line="-475"/>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse</source>
        <translation>浏览</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <location line="+153"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New project…</source>
        <translation>新建项目(&amp;N)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open project…</source>
        <translation>打开项目(&amp;O)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Import file…</source>
        <translation>导入文件(&amp;I)…</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>Import into the project</source>
        <translation>导入到项目</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Close project</source>
        <translation>关闭项目(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location line="+101"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location line="-77"/>
        <source>&amp;Model</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Train now</source>
        <translation>立即训练(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Stop training</source>
        <translation>停止训练(&amp;S)</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;About Marginalia</source>
        <translation>关于 Marginalia(&amp;A)</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Marginalia: active-learning annotation studio.</source>
        <translation>Marginalia：主动学习标注工作室。</translation>
    </message>
    <message>
        <location line="-247"/>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+391"/>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <location line="-264"/>
        <source>Import a folder of images</source>
        <translation>导入图片文件夹</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Open a project on a &amp;server…</source>
        <translation>打开服务器上的项目(&amp;S)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Save a Copy…</source>
        <translation>另存副本(&amp;S)…</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Your &amp;name as annotator…</source>
        <translation>您的标注者名称(&amp;N)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The name your labels and reviews are recorded under, in every project.</source>
        <translation>在所有项目中记录您的标签和审核时使用的名称。</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+249"/>
        <source>Labeling as %1</source>
        <translation>标注者：%1</translation>
    </message>
    <message>
        <location line="-243"/>
        <source>La&amp;beling</source>
        <translation>标注(&amp;B)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>&amp;Learn from unlabeled text</source>
        <translation>从未标注文本学习(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Learn word vectors from the text of the pool in the background; the next rounds start from them.</source>
        <translation>在后台从样本池的文本学习词向量；之后的训练轮次将以其为起点。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>S&amp;ettings…</source>
        <translation>设置(&amp;E)…</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>&amp;Keyboard shortcuts…</source>
        <translation>键盘快捷键(&amp;K)…</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Strategy </source>
        <translation>策略 </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>  Batch </source>
        <translation>  批大小 </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>  Retrain every </source>
        <translation>  每隔 </translation>
    </message>
    <message>
        <location line="+1"/>
        <source> labels</source>
        <translation> 个标签重新训练</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How many picks each ranking chooses together, for the diverse batch strategies (they spread a batch over the pool). Other strategies rank the whole pool; after every round the queue follows the new ranking.</source>
        <translation>多样化批量策略每次排序一起选出的数量（它们把一批样本分散到整个样本池）。其他策略对整个样本池排序；每轮之后队列按新的排序进行。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Could not open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1: %2 of %3</source>
        <translation>%1：%2 / %3</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>Your name as annotator</source>
        <translation>您的标注者名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your labels are recorded under this name, so that agreement, review and the annotator counts can tell people apart:</source>
        <translation>您的标签以此名称记录，以便一致性、审核和标注者统计能够区分不同的人：</translation>
    </message>
    <message numerus="yes">
        <location line="+98"/>
        <source>The server answers again: %n label(s) kept on this computer were sent.</source>
        <translation>
            <numerusform>服务器已恢复响应：保存在本机的 %n 个标签已发送。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>The server cannot be reached: %n label(s) are kept on this computer and sent when it answers.</source>
        <translation>
            <numerusform>无法连接服务器：%n 个标签保存在本机，服务器响应后即发送。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>An engine trains for this project now; this studio leaves retraining to it.</source>
        <translation>现在有引擎为此项目训练；此工作室把重新训练交给它。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The engine stopped; this studio retrains again.</source>
        <translation>引擎已停止；此工作室重新负责训练。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Run %1 from another process ranks the queue now.</source>
        <translation>来自另一个进程的运行 %1 现在为队列排序。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Model trained by the engine</source>
        <translation>模型由引擎训练</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Learning word vectors</source>
        <translation>正在学习词向量</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Looking for wrong labels</source>
        <translation>正在查找错误标签</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Last run: %1 labeled sentences, no labeled evaluation sentences to score it on</source>
        <translation>上次运行：%1 个已标注句子，没有已标注的评估句子可用于评分</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last run: %1 labels, no labeled evaluation samples to score it on</source>
        <translation>上次运行：%1 个标注，没有已标注的评估样本可用于评分</translation>
    </message>
    <message>
        <location line="+42"/>
        <location line="+9"/>
        <source>Open a project on a server</source>
        <translation>打开服务器上的项目</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Location of the project on a PostgreSQL server, e.g.
postgresql://ann@db.example.org/labels?project=news
(a password is better kept in ~/.pgpass than typed here).</source>
        <translation>项目在 PostgreSQL 服务器上的位置，例如
postgresql://ann@db.example.org/labels?project=news
（密码最好保存在 ~/.pgpass 中，而不是在这里输入）。</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Learning word vectors from the pool&apos;s text in the background…</source>
        <translation>正在后台从样本池的文本学习词向量…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Word vectors were not learned: %1</source>
        <translation>未能学习词向量：%1</translation>
    </message>
    <message>
        <location line="-643"/>
        <location line="+306"/>
        <source>%1 — Marginalia</source>
        <translation>%1 — Marginalia</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>The last training round did not finish: %1</source>
        <translation>上一轮训练未完成：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Project upgraded</source>
        <translation>项目已升级</translation>
    </message>
    <message>
        <location line="+195"/>
        <source>Model idle</source>
        <translation>模型空闲</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Training round %1</source>
        <translation>第 %1 轮训练中</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scoring the pool (round %1)</source>
        <translation>正在为样本池打分（第 %1 轮）</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The model&apos;s predictions have stopped changing: more labels may not help much.</source>
        <translation>模型的预测已不再变化：更多标签可能帮助不大。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Training failed: %1</source>
        <translation>训练失败：%1</translation>
    </message>
    <message>
        <location line="-518"/>
        <location line="+519"/>
        <source>Model idle (last round failed)</source>
        <translation>模型空闲（上一轮失败）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No model yet</source>
        <translation>尚无模型</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Last run: %1 labeled sentences, entity macro-F1 %2</source>
        <translation>上次运行：%1 个已标注句子，实体宏 F1 %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Last run: %1 labels, macro-F1 %2</source>
        <translation>最近一次运行：%1 个标签，宏平均 F1 %2</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Open project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Marginalia projects (*.marginalia);;All files (*)</source>
        <translation>Marginalia 项目 (*.marginalia);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="-497"/>
        <source>&amp;Label set…</source>
        <translation>标签集(&amp;L)…</translation>
    </message>
</context>
<context>
    <name>marginalia::ui::ModelSettingsDialog</name>
    <message>
        <location filename="../ui/ModelSettingsDialog.cpp" line="+28"/>
        <source>Model settings</source>
        <translation>模型设置</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The next round uses these settings, and so does &quot;marginalia train&quot; on this project.</source>
        <translation>下一轮训练将使用这些设置，对此项目运行“marginalia train”时也是如此。</translation>
    </message>
</context>
<context>
    <name>marginalia::ui::NewProjectWizard</name>
    <message>
        <location filename="../ui/NewProjectWizard.cpp" line="+49"/>
        <source>Data files (%1)</source>
        <translation>数据文件 (%1)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>New project</source>
        <translation>新建项目</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One project is one file that holds the samples, every label version and every model run.</source>
        <translation>一个项目就是一个文件，其中保存样本、每个标签版本和每次模型运行。</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+79"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location line="-77"/>
        <source>New project file</source>
        <translation>新项目文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Marginalia projects (*.marginalia)</source>
        <translation>Marginalia 项目 (*.marginalia)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Single-label classification (one label per sample)</source>
        <translation>单标签分类（每个样本一个标签）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Multi-label classification (any number of labels)</source>
        <translation>多标签分类（任意数量的标签）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Span labeling (mark entities in the text: names, places, …)</source>
        <translation>片段标注（在文本中标出实体：人名、地名等）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Image classification (one label per image)</source>
        <translation>图片分类（每张图片一个标签）</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+80"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="-79"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evaluation share</source>
        <translation>评估比例</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The evaluation share of imported samples is held out: the model never trains on it and never picks from it; it measures precision, recall and F1.</source>
        <translation>导入样本中按评估比例留出的部分：模型从不在其上训练，也从不从中挑选；它用于衡量精确率、召回率和 F1。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+176"/>
        <source>Names, colors and keys; you can change them later. Labels found in the data are added too.</source>
        <translation>名称、颜色和按键；之后可以修改。数据中出现的标签也会被加入。</translation>
    </message>
    <message>
        <location line="-173"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Color</source>
        <translation>颜色</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Key</source>
        <translation>按键</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add label</source>
        <translation>添加标签</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove label</source>
        <translation>删除标签</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+141"/>
        <source>A JSON Lines, CSV, TSV or plain-text file; optional, you can import later or drop files on the window.</source>
        <translation>JSON Lines、CSV、TSV 或纯文本文件；可选，也可以稍后导入或将文件拖到窗口上。</translation>
    </message>
    <message>
        <location line="-135"/>
        <source>Folder of images</source>
        <translation>图片文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data file</source>
        <translation>数据文件</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Keep a copy of the images in the project file (one self-contained file, larger)</source>
        <translation>在项目文件中保存图片副本（单个自包含文件，体积更大）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Text field</source>
        <translation>文本字段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Label field</source>
        <translation>标签字段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Id field</source>
        <translation>ID 字段</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+91"/>
        <source>First rows as they will be read:</source>
        <translation>将被读取的前几行：</translation>
    </message>
    <message>
        <location line="-77"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the model knows before the first label; optional, you can change it later in Model &gt; Settings…</source>
        <translation>模型在第一个标注之前已掌握的知识；可选，之后可在“模型 &gt; 设置…”中更改</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>A pretrained image network (TorchScript) lets a few labels go much further than a network trained from scratch. The file runs as code: name only one you trust.</source>
        <translation>预训练的图像网络（TorchScript）能让少量标注发挥远超从零训练的网络的作用。该文件会作为代码运行：只选择您信任的文件。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Vectors learned from the project&apos;s own text help most in the first few hundred labels; they are learned in the background after the import. A word vector file (fastText .vec or .bin) or a TorchScript text encoder brings what was learned elsewhere instead. An encoder file runs as code: name only one you trust.</source>
        <translation>从项目自身文本学到的向量在最初几百个标注中帮助最大；导入后会在后台学习。词向量文件（fastText .vec 或 .bin）或 TorchScript 文本编码器则带来在别处学到的知识。编码器文件会作为代码运行：只选择您信任的文件。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1: there is no file %2.</source>
        <translation>%1：文件 %2 不存在。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Labels found in the folder (its subfolders):</source>
        <translation>在文件夹中找到的标签（其子文件夹）：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Labels, their colors and keys; you can change them later. The names of the folder&apos;s subfolders are added too.</source>
        <translation>标签及其颜色和按键；之后可以修改。文件夹中子文件夹的名称也会被添加。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A folder of images with one subfolder per label (the subfolder&apos;s name is the label; images directly in the folder stay unlabeled), or a CSV or JSON Lines file whose rows name an image; optional, you can import later.</source>
        <translation>一个图片文件夹，每个标签一个子文件夹（子文件夹的名称即标签；直接放在文件夹中的图片保持未标注），或一个每行给出一张图片的 CSV 或 JSON Lines 文件；可选，也可以之后再导入。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Entity types (e.g. PER, LOC, ORG) with colors and keys; you can change them later. Types found in the data are added too.</source>
        <translation>实体类型（例如 PER、LOC、ORG），以及颜色和按键；之后可以修改。数据中出现的类型也会被加入。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>CoNLL columns, JSON Lines with tokens and tags or with character spans, or plain text (split into tokens for you); optional, you can import later.</source>
        <translation>CoNLL 列格式、带词元和标记或带字符片段的 JSON Lines，或纯文本（会自动切分为词元）；可选，也可以稍后导入。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+16"/>
        <source>(joined tokens)</source>
        <translation>（已拼接的词元）</translation>
    </message>
    <message>
        <location line="-15"/>
        <location line="+1"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Choose a new file in an existing folder: %1 exists already or its folder does not.</source>
        <translation>请在已有文件夹中选择一个新文件：%1 已存在，或其文件夹不存在。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Could not create the project: %1</source>
        <translation>无法创建项目：%1</translation>
    </message>
</context>
<context>
    <name>marginalia::ui::ProvenanceText</name>
    <message>
        <location filename="../ui/ProvenanceText.cpp" line="+20"/>
        <source>score %1</source>
        <translation>分数 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ranked by run %1</source>
        <translation>由运行 %1 排序</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ranked</source>
        <translation>已排序</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>random pick</source>
        <translation>随机选取</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>random evaluation pick</source>
        <translation>随机选取的评估样本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>browse</source>
        <translation>浏览</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>teach, run %1</source>
        <translation>教学，运行 %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>teach</source>
        <translation>教学</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>bulk, run %1</source>
        <translation>批量，运行 %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>bulk</source>
        <translation>批量</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>final label of a review</source>
        <translation>审核的最终标签</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>by %1</source>
        <translation>由 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>model&apos;s guess accepted</source>
        <translation>已接受模型猜测</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
</context>
<context>
    <name>marginalia::ui::ReviewView</name>
    <message>
        <location filename="../ui/ReviewView.cpp" line="+195"/>
        <source>Could not read the samples to review: %1</source>
        <translation>无法读取待审核的样本：%1</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+40"/>
        <source>(unnamed)</source>
        <translation>（未命名）</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>reviewed by %1</source>
        <translation>由 %1 审核</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>flagged</source>
        <translation>已标记</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>flagged: %1</source>
        <translation>已标记：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>model suggests %1 (%2 for %3)</source>
        <translation>模型建议 %1（%3 的概率为 %2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>another label</source>
        <translation>另一个标签</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+1"/>
        <source>–</source>
        <translation>–</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Review sample %1: %2</source>
        <translation>审核样本 %1：%2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sample %1 was not reviewed: %2</source>
        <translation>样本 %1 未能审核：%2</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Looking for wrong labels: each labeled sample is scored by a model trained without it…</source>
        <translation>正在查找错误标签：每个已标注样本由未见过它的模型打分…</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Annotators disagree</source>
        <translation>标注者意见不一致</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flagged for review</source>
        <translation>标记待审核</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suspected label errors</source>
        <translation>疑似标签错误</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reviewed</source>
        <translation>已审核</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Labeled by several people</source>
        <translation>由多人标注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Annotators: counts and speed</source>
        <translation>标注者：数量与速度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agreement between annotators</source>
        <translation>标注者之间的一致性</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n annotator(s)</source>
        <translation>
            <numerusform>%n 位标注者</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n sample(s)</source>
        <translation>
            <numerusform>%n 个样本</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Annotator</source>
        <translation>标注者</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Samples labeled</source>
        <translation>已标注样本</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Label versions</source>
        <translation>标签版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reviews</source>
        <translation>审核</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Median time per label</source>
        <translation>每个标签的中位用时</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Labels per hour</source>
        <translation>每小时标签数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last label</source>
        <translation>最近标注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop looking for errors</source>
        <translation>停止查找错误</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Find suspected label errors</source>
        <translation>查找疑似标签错误</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scores every labeled sample by a model trained without it and lists the labels the model confidently contradicts (confident learning).</source>
        <translation>用未见过每个已标注样本的模型为其打分，并列出模型有把握地否定的标签（置信学习）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sample</source>
        <translation>样本</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Annotators&apos; labels</source>
        <translation>标注者的标签</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Trains on</source>
        <translation>训练标签</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why</source>
        <translation>依据</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set final labels</source>
        <translation>设置最终标签</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Span labels are set in the Label tab; a sample opened there and saved by the reviewer counts as one more annotator.</source>
        <translation>片段标签在“标注”页中设置；审核者在那里打开并保存的样本算作多一位标注者。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pick a sample to set its final label.</source>
        <translation>选择一个样本以设置其最终标签。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Final label (kept over every annotator&apos;s label; earlier labels stay in the history):</source>
        <translation>最终标签（优先于每位标注者的标签；之前的标签保留在历史中）：</translation>
    </message>
</context>
<context>
    <name>marginalia::ui::SampleTableModel</name>
    <message>
        <location filename="../ui/SampleTableModel.cpp" line="+355"/>
        <source>not %1</source>
        <translation>不是 %1</translation>
    </message>
    <message>
        <location line="-4"/>
        <location line="+12"/>
        <source>no entities</source>
        <translation>无实体</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Rows %1 to %2 could not be read: %3</source>
        <translation>无法读取第 %1 到 %2 行：%3</translation>
    </message>
    <message>
        <location line="-293"/>
        <source>The search index could not be brought up to date (searches read every new sample instead): %1</source>
        <translation>无法更新搜索索引（搜索将改为逐一读取每个新样本）：%1</translation>
    </message>
    <message>
        <location line="+323"/>
        <source>eval</source>
        <translation>评估</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>pool</source>
        <translation>样本池</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Split</source>
        <translation>划分</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Entities</source>
        <translation>实体</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Predicted</source>
        <translation>预测</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Predicted entities</source>
        <translation>预测实体</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Confidence</source>
        <translation>置信度</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Score (rank)</source>
        <translation>分数（排名）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How labeled</source>
        <translation>标注方式</translation>
    </message>
</context>
<context>
    <name>marginalia::ui::SaveCopyDialog</name>
    <message>
        <location filename="../ui/SaveCopyDialog.cpp" line="+15"/>
        <source>%1 copy.marginalia</source>
        <translation>%1 副本.marginalia</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save a copy of the project</source>
        <translation>保存项目副本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Marginalia projects (*.marginalia);;All files (*)</source>
        <translation>Marginalia 项目 (*.marginalia);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+43"/>
        <source>Save a Copy</source>
        <translation>另存副本</translation>
    </message>
    <message>
        <location line="-42"/>
        <source>Copying the project to %1…</source>
        <translation>正在将项目复制到 %1…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Saved a copy of the project to %1</source>
        <translation>已将项目副本保存到 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saving a copy was cancelled; %1 was left unchanged.</source>
        <translation>保存副本已取消；%1 未作改动。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The copy could not be saved.

%1</source>
        <translation>无法保存副本。

%1</translation>
    </message>
</context>
<context>
    <name>marginalia::ui::SettingsForm</name>
    <message>
        <location filename="../ui/SettingsForm.cpp" line="+28"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>TorchScript models (*.pt *.pth *.ptl);;All files (*)</source>
        <translation>TorchScript 模型 (*.pt *.pth *.ptl);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vocabularies and SentencePiece models (*.txt *.model);;All files (*)</source>
        <translation>词表和 SentencePiece 模型 (*.txt *.model);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Word vectors (*.vec *.bin *.txt);;All files (*)</source>
        <translation>词向量 (*.vec *.bin *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <location line="+114"/>
        <location line="+4"/>
        <source>Not used while a text encoder is set: a classifier head is trained over the encoder&apos;s features instead.</source>
        <translation>设置了文本编码器时不使用：改为在编码器的特征上训练分类头。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not used while a word vector file is named: the model reads that file&apos;s vectors.</source>
        <translation>指定了词向量文件时不使用：模型读取该文件中的向量。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Used only with a text encoder.</source>
        <translation>仅在设置了文本编码器时使用。</translation>
    </message>
</context>
<context>
    <name>marginalia::ui::ShortcutsDialog</name>
    <message>
        <location filename="../ui/ShortcutsDialog.cpp" line="+28"/>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Label keys</source>
        <translation>标签按键</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Label as %1</source>
        <translation>标注为 %1</translation>
    </message>
</context>
<context>
    <name>marginalia::ui::SpanLabelingView</name>
    <message>
        <location filename="../ui/SpanEditorEdits.cpp" line="+23"/>
        <source>Change a span to %1</source>
        <translation>将片段改为 %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Accept the model&apos;s span as %1</source>
        <translation>接受模型给出的片段，类型为 %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Mark “%1” as %2</source>
        <translation>将“%1”标为 %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Remove a span</source>
        <translation>删除片段</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Dismiss the model&apos;s span</source>
        <translation>忽略模型给出的片段</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Remove spans</source>
        <translation>删除多个片段</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No model span left to accept: Enter saves the sample.</source>
        <translation>没有可接受的模型片段：按 Enter 保存该样本。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Accept the model&apos;s %1 span</source>
        <translation>接受模型给出的 %1 片段</translation>
    </message>
    <message>
        <location filename="../ui/SpanEditor.cpp" line="+48"/>
        <source>Evaluation sample: mark the entities as you see them. It measures the model and is never chosen by it.</source>
        <translation>评估样本：请按您的判断标出实体。它用于衡量模型，模型从不选择它。</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Accept all and save (Enter)</source>
        <translation>全部接受并保存 (Enter)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Accept span (A)</source>
        <translation>接受片段 (A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove (Delete)</source>
        <translation>删除 (Delete)</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Keys: ←/→ move · Shift+←/→ extend · label keys label the selection or retype a clicked span · A accept the model&apos;s span at the caret · Enter accept all and save (with no spans: “no entities”) · Delete remove · S skip · F flag · Backspace back · Ctrl+Z undo · Ctrl+Shift+Z redo · Ctrl+T train now</source>
        <translation>按键：←/→ 移动 · Shift+←/→ 扩展选区 · 标签键标注所选文本或更改所点片段的类型 · A 接受光标处的模型片段 · Enter 全部接受并保存（无片段时：“无实体”） · Delete 删除 · S 跳过 · F 标记 · Backspace 返回 · Ctrl+Z 撤销 · Ctrl+Shift+Z 重做 · Ctrl+T 立即训练</translation>
    </message>
    <message>
        <location filename="../ui/LabelingView.cpp" line="+23"/>
        <source>Opened from Browse</source>
        <translation>从“浏览”中打开</translation>
    </message>
    <message>
        <location filename="../ui/SpanEditor.cpp" line="+122"/>
        <location line="+44"/>
        <source>no entities</source>
        <translation>无实体</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>Model&apos;s spans are not shown on evaluation samples.</source>
        <translation>评估样本上不显示模型的片段。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model&apos;s spans: %1 (sequence confidence %2%)</source>
        <translation>模型的片段：%1（序列置信度 %2%）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Model&apos;s spans: none yet</source>
        <translation>模型的片段：暂无</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Already labeled: Enter saves your changes as a new version.</source>
        <translation>已标注过：按 Enter 将您的修改保存为新版本。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Span “%1” (%2): a label key changes its type, Delete removes it.</source>
        <translation>片段“%1”（%2）：按标签键更改其类型，按 Delete 删除。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Model&apos;s span “%1” (%2): A accepts it, a label key accepts it as that type, Delete dismisses it.</source>
        <translation>模型片段“%1”（%2）：按 A 接受，按标签键以该类型接受，按 Delete 忽略。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Selected: “%1”: a label key marks it.</source>
        <translation>已选中“%1”：按标签键进行标注。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This sample has no tokens: Enter saves it with no entities.</source>
        <translation>此样本没有词元：按 Enter 将其保存为无实体。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Label sample %1: %2</source>
        <translation>标注样本 %1：%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The spans were not saved: %1</source>
        <translation>片段未保存：%1</translation>
    </message>
</context>
<context>
    <name>marginalia::ui::StartPage</name>
    <message>
        <location filename="../ui/StartPage.cpp" line="+50"/>
        <source>&lt;h1&gt;Marginalia&lt;/h1&gt;&lt;p&gt;Label the samples your model finds most informative.&lt;/p&gt;</source>
        <translation>&lt;h1&gt;Marginalia&lt;/h1&gt;&lt;p&gt;标注模型认为信息量最大的样本。&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New project…</source>
        <translation>新建项目…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the demo project</source>
        <translation>打开演示项目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recent projects (double-click to open); drop data files on the window to import them into the open project.</source>
        <translation>最近的项目（双击打开）；将数据文件拖到窗口上即可导入当前打开的项目。</translation>
    </message>
</context>
<context>
    <name>marginalia::ui::TeachEditor</name>
    <message>
        <location filename="../ui/TeachEditor.cpp" line="+60"/>
        <source>Yes (A)</source>
        <translation>是 (A)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Evaluation sample: no label is proposed here. Press the key of its label; it measures the model.</source>
        <translation>评估样本：这里不提供建议标签。请按其标签的按键；它用于衡量模型。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Teach mode: A or Enter yes · X no (not this label) · Space skip · a label key labels it so · Backspace back · Ctrl+Z undo · Ctrl+Shift+T leave teach mode</source>
        <translation>教学模式：A 或 Enter 是 · X 否（不是这个标签）· 空格 跳过 · 按标签键即标为该标签 · Backspace 返回 · Ctrl+Z 撤销 · Ctrl+Shift+T 退出教学模式</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Teach</source>
        <translation>教学</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No (X)</source>
        <translation>否 (X)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>the label the model is least sure of</source>
        <translation>模型最不确定的标签</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Evaluation sample: Space skips it; leave teach mode to give all its labels.</source>
        <translation>评估样本：按空格跳过；退出教学模式后再给出它的全部标签。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Which label is this?</source>
        <translation>这是哪个标签？</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing left to ask about this sample: press a label key, or Space to skip.</source>
        <translation>这个样本没有可问的了：请按标签键，或按空格跳过。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Is this &lt;b&gt;%1&lt;/b&gt;?</source>
        <translation>这是 &lt;b&gt;%1&lt;/b&gt; 吗？</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(model: %1%)</source>
        <translation>（模型：%1%）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No label is proposed for this sample: press a label key.</source>
        <translation>这个样本没有建议标签：请按标签键。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Not %1: sample %2</source>
        <translation>不是 %1：样本 %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The answer was not saved: %1</source>
        <translation>答案未保存：%1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Evaluation samples of a multi-label project are labeled outside teach mode (Ctrl+Shift+T).</source>
        <translation>多标签项目的评估样本需在教学模式之外标注（Ctrl+Shift+T）。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Label sample %1 as %2</source>
        <translation>将样本 %1 标注为 %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The label was not saved: %1</source>
        <translation>标签未保存：%1</translation>
    </message>
</context>
</TS>
