"""The prompt templates, `<family>.v<N>.jinja`, read as package resources (a released one is never edited),
and the words the code shares with them to mark what a model is shown."""

DATA_TAG = "文档片段"  # <文档片段 id="…"> … </文档片段 id="…">: a text shown as data, never as instructions
PROJECT_LABEL = "所属项目"  # the label above a block that names its project, as the templates write it
NO_TRAIL = "（无）"  # the heading trail of a block that has none
PROBE_TEXT = "测试"  # what a template is rendered with when it is checked at load time
