"""What the 财政局 expects in each field: the notes (填表说明) of the official forms, in our words.

Data only. Each family (reports/families/) reads its own dict through `Family.notes_for(report)`:

- "fields": the page's own fields (the report's, or the family's detail model) by name;
- "tables": a note on a whole table, by table name (forms.TABLES, and "funds");
- "columns": a table's inputs by table name, then field name; computed columns may have a note
  too, saying how the application derives them;
- "headings": the narrative outline's headings by key, what to write under each;
- "rows": how a table names its rows for screen readers ("二级机构 第2行 …"), where it differs
  from forms.ROW_LABELS.

The pages show every note under its field or above its table, and the inputs point at them with
aria-describedby. Amounts are always in 万元 with two decimals; the pages say so themselves.
"""

GRADE_BANDS_NOTE = "90 分及以上为优，80 分至 90 分为良，60 分至 80 分为中，60 分以下为差"

F1 = {
    "fields": {
        "report_date": "报送财政局的日期，例如 2022-06-20；封面印作“2022年06月20日”。",
        "evaluation_method": "通常为“部门绩效自评”；委托其他机构评价的照实填写。",
        "evaluation_agency": "具体开展自评的机构，通常为“部门评价组”。",
        "contact_person": "负责本报告、能答复财政局询问的经办人。",
        "contact_phone": "固定电话或手机号码，例如 0730-7612345。",
        "staff_quota": "编制部门核定的编制数，单位：人。",
        "staff_quota_admin": "核定的行政编制数，单位：人。",
        "staff_quota_public": "核定的事业编制数，单位：人。",
        "staff_actual": "年末实有人数，单位：人。",
        "staff_actual_admin": "占用行政编制的实有人数，单位：人。",
        "staff_actual_public": "占用事业编制的实有人数，单位：人。",
        "duties": "简要写明本单位承担的主要职能职责。",
        "operation_summary": "概述本年度整体运行情况和取得的主要成绩，可分条写。",
        "self_score": (
            "按评分办法自评的综合得分，0 至 100，例如 97（也可写作 98%）。评价等次按得分自动确定："
            + GRADE_BANDS_NOTE + "。"
        ),
        "filler_name": "填写本报告的经办人，印在表末“填报人（签名）”处。",
        "filler_phone": "填报人的联系电话。",
    },
    "tables": {
        "tasks": "按年初确定的年度工作任务逐条填写，每项任务一行（任务1、任务2 …）。",
        "institutions": (
            "金额单位：万元，保留两位小数。第一行为机关本级（局机关或科协机关），其后每个二级机构一行；"
            "没有二级机构的只填第一行。汇总行和带底色的合计栏由系统计算。"
        ),
        "goals": "左栏写年初确定的定性目标（目标1、目标2 …），右栏写对应目标的实际完成情况。",
        "indicators": (
            "按产出目标、效益目标的各类别逐项填写：绩效内容写指标的名称和内容，绩效目标值照年初目标填写"
            "（如 3、≥95%），完成情况写实际结果。没有指标的类别可以空着，打印时留一空行。"
        ),
        "evaluators": "参加自评的人员，签字栏在打印后手签。",
    },
    "columns": {
        "tasks": {"text": "一项年度工作任务，写明做什么、做到什么程度。"},
        "institutions": {
            "name": "机关本级写“局机关”或“科协机关”，二级机构写全称。名称在第一张表中填写，其余三张表自动跟随。",
            "income_total": "系统计算：上年结转、公共财政拨款、政府基金拨款、纳入专户管理的非税收入拨款与其他收入之和。",
            "income_carryover": "上年结转到本年使用的资金。",
            "income_public_finance": "一般公共预算财政拨款。",
            "income_government_fund": "政府性基金预算财政拨款。",
            "income_special_account": "纳入财政专户管理的非税收入拨款。",
            "income_other": "以上各项以外的收入。",
            "expense_total": "系统计算：基本支出与项目支出之和。",
            "expense_basic": "系统计算：人员支出与公用支出之和。",
            "expense_personnel": "基本支出中的人员经费。",
            "expense_public": "基本支出中的日常公用经费。",
            "expense_project": "为完成专项任务发生的项目（专项）支出。",
            "balance_current": "系统计算：收入合计减支出合计。",
            "balance_accumulated": "历年累计的结余资金。",
            "three_total": "系统计算：公务接待费、公务用车运维费、公务用车购置费与因公出国费之和。",
            "three_reception": "本年公务接待费支出。",
            "three_car_operation": "公务用车运行维护费支出。",
            "three_car_purchase": "公务用车购置费支出。",
            "three_overseas": "因公出国（境）费支出。",
            "assets_total": "系统计算：在用固定资产、出租固定资产与其他之和。",
            "assets_in_use": "年末在用的固定资产金额。",
            "assets_rented": "年末出租、出借的固定资产金额。",
            "assets_other": "在用、出租以外的固定资产，例如闲置或待处置的。",
        },
        "goals": {
            "target": "年初确定的一项定性目标。",
            "actual": "这项目标的实际完成情况。",
        },
        "indicators": {
            "name": "指标的名称和内容，例如“开展科普活动次数”。",
            "target": "年初确定的目标值，照原样填写，例如 3 或 ≥95%。",
            "actual": "实际完成的数值或情况，写法与目标值一致，例如 3 或 100%。",
        },
        "evaluators": {
            "name": "评价人员的姓名。",
            "title": "职务或职称。",
            "organisation": "所在单位。",
        },
    },
    "headings": {
        "overview_basic": "单位性质、内设机构和二级机构、编制与人员、主要职能等基本情况。",
        "overview_scale": "整体支出的规模、主要用途和涉及范围；引用的数字应与“二、收支情况”的表格一致。",
        "spending_basic": "基本支出的总额，人员经费和日常公用经费的使用情况，数字与表格一致。",
        "spending_project": "专项（项目）支出的总额、主要项目和资金使用情况。",
        "project_organisation": "专项的立项、资金分配、实施程序和责任分工。",
        "project_management": "专项资金的管理制度、拨付和监督检查情况。",
        "performance": "整体支出取得的产出和效益，以及“三公”经费的控制情况。",
        "performance_spending": "整体支出的规模和结构，与预算相比的执行情况。",
        "performance_three": "“三公”经费的支出金额、与上年相比的增减及原因。",
        "performance_card": "公务卡的使用和刷卡结算情况。",
        "performance_assets": "固定资产的规模、管理和使用情况。",
        "performance_balance": "年末结余资金的规模、形成原因和处理办法。",
        "problems": "自评中发现的主要问题，写具体。",
        "suggestions": "针对上述问题的改进措施，以及对财政部门的建议。",
    },
    "rows": {"goals": "定性目标", "indicators": "定量目标"},
}

F2 = {
    "fields": {
        "budget_initial": "年初批复的部门预算数。",
        "budget_full_year": "年初预算加年中追加、调整后的全年预算数；执行率以它为分母。",
        "executed": "全年实际支出数；按收入性质分和按支出性质分的两组数字都应合计为这个数。",
        "weight": "预算执行的分值，表样为 10 分；预算执行与各项指标的分值合计应为 100。",
        "score": "不高于分值。系统按“分值 × 执行率”给出建议得分（执行率超过 100% 按 100% 计），可以打低分，但须写明偏差原因。",
        "reason": "自评得分低于分值时必须填写：偏差的原因和改进措施。",
        "over_budget_note": "全年执行数大于全年预算数时必须说明原因。",
        "income_general": "全年执行数中来自一般公共预算的部分。",
        "income_government_fund": "全年执行数中来自政府性基金拨款的部分。",
        "income_special_account": "全年执行数中来自纳入专户管理的非税收入拨款的部分。",
        "income_other": "以上三项以外的资金。四项之和应等于全年执行数。",
        "expense_basic": "全年执行数中的基本支出，即人员支出与公用支出之和。",
        "expense_project": "全年执行数中的项目支出。基本支出与项目支出之和应等于全年执行数。",
        "expense_personnel": "基本支出中的人员支出，自评报告会引用。",
        "expense_public": "基本支出中的公用支出，自评报告会引用。",
    },
    "tables": {
        "goals": "左栏写年初确定的年度总体目标，右栏写对应的实际完成情况。",
        "indicators": (
            "一级指标的标准分值为产出 50、效益 30、满意度 10（另有预算执行 10），可以在一级指标之间调整，"
            "但全部分值合计须为 100。得分不能高于分值，低于分值时须写偏差原因。"
        ),
    },
    "columns": {
        "goals": {
            "target": "年初确定的年度总体目标。",
            "actual": "对应目标的实际完成情况。",
        },
        "indicators": {
            "name": "三级指标的名称，例如“举办科普活动场次”。",
            "target": "年初确定的年度指标值，照表上的写法填写，例如 100%、≥95%、不少于4所、1年。",
            "actual": "实际完成值，写法和单位与指标值一致，例如 100%。",
            "weight": "本指标的分值。",
            "score": "自评得分，不高于分值；点击“建议得分”可直接采用。",
            "band": "只用于定性指标：达成年度指标得分为分值的 80%～100%，部分达成为 60%～80%，未达成低于 60%。定量指标留空。",
            "reason": "自评得分低于分值时必须填写偏差原因和改进措施。",
        },
    },
    "headings": {
        "overview": "部门（单位）的职能、机构设置、人员编制和年度主要工作。",
        "general_basic": "一般公共预算基本支出的总额，其中人员支出和公用支出，数字与自评表一致。",
        "general_project": "一般公共预算项目支出的总额、主要项目和执行情况。",
        "government_fund": "政府性基金预算支出的金额和用途。",
        "state_capital": "国有资本经营预算支出的金额和用途。",
        "social_insurance": "社会保险基金预算支出的金额和用途。",
        "performance": "对照年度总体目标和绩效指标，说明预算执行率以及产出、效益、满意度的完成情况。",
        "problems": "存在的问题，以及产生问题的原因。",
        "improvements": "针对问题的下一步改进措施。",
        "other": "其他需要向财政部门说明的情况。",
    },
    "rows": {"goals": "年度总体目标"},
}

F3_BASIC = {
    "fields": {
        "name": "与预算批复一致的项目名称。",
        "department": "主管部门（单位）的名称及预算代码，例如 泸县科学技术协会 128001。",
        "implementer": "具体实施项目的单位。",
        "budget_total": "项目的全年预算数，应等于下方各资金来源的预算数之和。",
        "executed_total": "项目的全年实际执行数，应等于各资金来源的执行数之和。",
        "target_overall": "项目年初确定的年度总体目标。",
        "actual_overall": "年度总体目标的实际完成情况，与预期目标逐项对应。",
    },
    "tables": {
        "projects": "本年度每个项目一行；保存后即可填写各项目的自评表和自评报告。",
        "funds": "每个资金来源的预算数和执行数；各来源之和应等于合计。执行率由系统计算。",
        "indicators": "按完成指标、效益指标、满意度指标的各类别逐项填写；指标值照年初目标的写法填写。",
    },
    "columns": {
        "projects": {
            "name": "与预算批复一致的项目名称。",
            "implementer": "具体实施项目的单位。",
        },
        "funds": {
            "budget": "该资金来源的预算数。",
            "executed": "该资金来源的执行数。",
        },
        "indicators": {
            "name": "三级指标的名称，例如“创建科技教育示范学校数量”。",
            "target": "年初确定的指标值，照原样填写，例如 不少于4所、≥90%、2021年12月底前完成。",
            "actual": "实际完成的指标值，写法与预期指标值一致。",
        },
    },
    "headings": {
        "basic": (
            "写明主管部门在项目管理中的职责；项目立项和申报资金的依据；资金管理办法的制定情况，"
            "资金支持的条件、范围和方式；资金分配的原则和考虑的因素。"
        ),
        "goals": (
            "写明项目的主要内容；应实现的具体绩效目标，目标量化、细化的程度和实施进度安排；"
            "并分析申报内容是否与实际相符、目标是否合理可行。"
        ),
        "method": "自评的步骤和方法，例如对照年初目标逐项比较数量、质量、时效、成本和效益指标。",
        "application": "项目资金申报和批复的金额与过程。",
        "funding": "资金计划、到位和使用情况：资金来自哪里，截至评价时是否到位，支出范围、标准和依据是否合规。",
        "finance": "财务管理制度的执行、会计核算和账务处理情况。",
        "organisation": "对照项目组织实施管理办法，说明组织架构和实施流程，并分析自评中发现的问题。",
        "management": "项目管理情况，例如采购、合同和进度管理。",
        "supervision": "主管部门对项目采取的监管手段及其效果。",
        "completion": "对照绩效指标逐项说明项目的完成情况。",
        "benefits": "项目带来的经济、社会、生态效益和可持续影响。",
        "conclusion": "综合自评的结论。",
        "problems": "自评中发现的问题。",
        "suggestions": "针对问题提出的建议。",
    },
}

F3_SCORED = {
    "fields": {
        **F3_BASIC["fields"],
        "competent_department": "项目的主管部门。",
        "implementer": "具体实施项目的单位，打印后加盖公章。",
        "initial_total": "年初批复的预算数。",
        "budget_total": "年中调整后的预算数，执行率以它为分母；应等于各资金来源之和。",
        "executed_total": "全年实际执行数，应等于各资金来源之和。",
        "budget_weight": "预算执行的权重，表样为 10 分。",
        "budget_score": "预算执行得分，不高于权重；只有总额一行评分。",
        "execution_reason": "执行率低于 90% 时必须说明原因，不超过 100 字。",
        "target_overall": "项目年初确定的年度目标。",
        "actual_overall": "年度目标的实际完成情况。",
        "implementation": "项目实施的主要内容和过程。",
        "conclusion": "评价结论，不超过 200 字。",
        "problems": "存在的问题，不超过 200 字。",
        "improvements": "改进措施，不超过 200 字。",
        "project_leader": "项目负责人姓名，打印后签字。",
        "finance_leader": "财务负责人姓名，打印后签字。",
    },
    "tables": {
        **F3_BASIC["tables"],
        "funds": "总额及各资金来源的年初预算、调整后预算数和执行数；各来源之和应等于总额。只有总额评分。",
        "indicators": "绩效指标合计 90 分，与预算执行 10 分合为 100 分；得分不能高于权重。",
    },
    "columns": {
        **F3_BASIC["columns"],
        "funds": {
            "initial": "该资金来源的年初预算。",
            "budget": "该资金来源调整后的预算数。",
            "executed": "该资金来源的预算执行数。",
        },
        "indicators": {
            "name": "三级指标的名称。",
            "nature": "指标性质：= 为等于，≥ 为不低于，≤ 为不高于。",
            "target": "指标值，例如 4、90、2023年12月底。",
            "measure_unit": "度量单位，例如 次、%、万元。",
            "actual": "实际完成值，与指标值使用同一单位。",
            "weight": "本指标的权重；各指标权重合计 90。",
            "score": "得分，不高于权重。",
            "reason": "没有完成指标值时说明原因。",
        },
    },
    "headings": F3_BASIC["headings"],
}

F4 = {
    "fields": {
        "income_general": "部门决算中的一般公共预算财政拨款收入。",
        "income_government_fund": "部门决算中的政府性基金预算财政拨款收入。",
        "income_other": "财政拨款以外的其他收入。",
        "expense_personnel": "基本支出中的人员支出。",
        "expense_public": "基本支出中的日常公用支出。",
        "expense_family": "基本支出中的对个人和家庭的补助支出。",
        "expense_project": "项目支出。",
        "three_overseas": "因公出国（境）费支出。",
        "three_car": "公务用车购置及运行维护费支出。",
        "three_reception": "公务接待费支出。",
        "last_income_total": "上年部门决算的收入合计，用于收、支总计变动图。",
        "last_expense_total": "上年部门决算的支出合计，用于收、支总计变动图。",
    },
    "tables": {
        "functions": "按决算的支出功能分类科目“类”级填写；各类之和应等于支出合计。",
    },
    "columns": {
        "functions": {
            "name": "功能分类科目“类”级名称，例如 科学技术、社会保障和就业。",
            "amount": "该类的支出金额。",
        },
    },
    "headings": {
        "organisation": "内设机构和所属单位的组成。",
        "functions": "部门的主要职能。",
        "staff": "编制数、实有人数和人员结构。",
        "functions_staff": "部门的主要职能，编制数、实有人数和人员结构。",
        "tasks": "年度主要工作任务。",
        "targets": "年初确定的部门整体支出绩效目标。",
        "income": "收入合计及各项收入的金额和占比，数字与“收支情况”一致。",
        "expense": "支出合计，人员支出、日常公用支出、对个人和家庭的补助支出、项目支出的金额和占比。",
        "carryover": "结转结余（收入合计减支出合计）的金额和形成原因。",
        "budgeting": "预算和决算的编制情况。",
        "execution": "预算执行进度和执行管理情况。",
        "spending_performance": "支出取得的产出和效益。",
        "finance": "财务管理制度的建立和执行情况。",
        "performance_management": "绩效目标管理、绩效运行监控和绩效自评等工作的开展情况。",
        "duty_performance": "部门履行职责取得的产出和效益。",
        "project_performance": "特定目标类项目的绩效情况。",
        "project_spending": "部门预算项目支出的执行情况。",
        "results": "以往评价结果的应用情况，例如据以调整预算、改进管理。",
        "conclusion": "综合自评的结论。",
        "problems": "自评中发现的问题。",
        "suggestions": "针对问题的改进建议。",
    },
    "rows": {"functions": "支出功能分类"},
}
