"""Seed 003: 株洲市石峰区人民政府办公室, 2023 — titles and 附表 numbers in
table rows, a department form (收入/支出 pairs in one row, 年度重点工作计划),
the 专项资金 summary list (附表2) and three 支出方向 forms (附表3) with
their 支出明细及测算说明 rows and a 绩效标准 column."""
from docxgen import Document, Table, C, M, Cell
from expect import declaration, document, text, empty, amount, fld, indicator, unnumber, at

FILE = 'seed003-shifeng.docx'
FOOT = '单位负责人签字：\n\n\n\n填表人：     颜绵绵                               联系电话：   15674905956    '
FOOT3 = '单位负责人签字：\n\n\n\n填表人：   颜绵绵                                联系电话：   15674905956  '
DUTY = ('株洲市石峰区人民政府办公室（以下简称政府办）的主要职责是：\n（一）协助区政府领导组织起草和审核以区政府、区政府办公室名义发布的文件，起草区政府领导讲话材料。\n'
        '（二）受理承办政府工作部门和街道办事处对区政府的请示，提出初步意见，并按程序审批。\n（三）负责区政府会务工作，协助区政府领导组织实施会议决定的事项。\n'
        '（四）根据区政府领导的指示或办理公文的需要，协调区政府有关部门的关系，对相关问题提出处理意见，报区政府有关领导，并按程序进行决定。\n'
        '（五）负责对国务院、省、市、区政府重要决定、决策和区政府领导有关指示的执行落实情况进行督查并跟踪调研，及时向区政府领导报告。\n'
        '（六）根据区政府领导的指示和区政府的工作部署，对涉及全区经济建设、社会发展和改革开放等全局性工作的重大课题进行调查研究，及时反映情况，提出对策建议；指导、协调全区政府系统的调研工作。\n'
        '（七）负责收集、整理、传递、上报政务信息，为区政府领导决策和指导工作服务。\n（八）负责区政府值班工作，及时向区政府领导报告重要情况，协助处理政府工作部门和街道办事处向区政府反映的重要问题，传达和督促落实区政府领导指示。\n'
        '（九）负责全区优化经济发展环境工作有关职责。\n（十）负责推进、指导、协调、监督全区政府信息公开工作。\n承办区政府有关公务活动和公务接待工作。\n完成区委、区政府交办的其他事项。\n\n')
PLANS = [('综合调研高质高效。', '政府调研室', '围绕区委、区政府的中心工作和重点工作，积极主动开展调研活动，扎实抓好会议报告、领导讲话、工作汇报等各类材料的起草工作。'),
         ('督查督办扎实有效。', '政府督查室', '重点对《政府工作报告》确定的工作重点、对省、市党委政府的重大决策部署和领导批示交办事项以及有关会议议定事项的跟踪督办，确保政令畅通。'),
         ('办文办会更加规范。', '政府办公室', '完善会议登记、审批、统筹制度，精细化会务组织，特别是政府常务会的组织，严格做好议题收集、材料审核等工作；规范政府发文审核工作。')]
DEPT_IND = [
    ('产出指标', '数量指标', '快速下发各类通知，全局掌握工作动态  ', '短信10000条，通话时长20000分　', 'C', 'P', 'sl'),
    (None, None, '全力抓好对省、市党委政府的重大决策部署和领导批示交办事项以及有关会议议定事项的跟踪督办', '每月开展调研督查不少于3次　', 'N >= 3 次', 'P', 'sl'),
    (None, None, '调查研究和信息综合工作，为区政府领导科学决策提供依据', '半年形成1篇高质量调研报告', 'N = 1 篇', 'P', 'sl'),
    (None, None, '精细化会务组织', '每月召开政府常务会议，每年召开至少1次政府全会', 'N >= 1 次', 'P', 'sl'),
    (None, None, '及时办理所有上级有关文件，切实改进文风，精简文件数量', '确保文件收发、传阅及时、准确', 'Q', 'P', 'sl'),
    (None, None, '组织协调人大代表建议及政协委员提案办理工作', '及时、高效办理人大代表建议、政协委员提案', 'Q', 'P', 'sl'),
    (None, '质量指标', '各项指标考核等级', '优', 'Q', 'P', 'zl'),
    (None, '时效指标', '各项工作完成时限', '2023年12月　', 'D', 'P', 'sx'),
    (None, '成本指标', '按照工作实际及目标要求，专款专用，不超过预算', '≤718.46万元', 'N <= 718.46 万元', 'P', 'cb'),
    ('效益指标', '经济效益指标', '无直接经济效益', '无直接经济效益', 'Q', 'B', 'jj'),
    (None, '社会效益指标', '综合调研质量', '　不断提高', 'Q', 'B', 'sh'),
    (None, None, '督察督办质量', '　不断提高', 'Q', 'B', 'sh'),
    (None, None, '公务接待水平', '　不断提高', 'Q', 'B', 'sh'),
    (None, None, '办文办会质量', '　不断提高', 'Q', 'B', 'sh'),
    (None, None, '人大、政协建议提案办理水平', '　不断提高', 'Q', 'B', 'sh'),
    (None, '生态效益指标', '无直接生态效益', '无直接生态效益', 'Q', 'B', 'st'),
    (None, '可持续影响指标', '各项工作质量', '持续高质量发展　', 'Q', 'B', 'kc'),
    (None, '社会公众及服务对象满意度指标', '社会公众综合满意度', '95%以上', 'N >= 95 %', 'B', 'my'),
]


def ind_rows(t, ti, rows, std_col):
    """Indicator rows [M][l1][l2][l3][value][standard?]; returns expected."""
    out = []
    for k, row in enumerate(rows):
        l1, l2, l3, val, spec, e1, e2 = row[:7]
        std = row[7] if len(row) > 7 else None
        nxt = rows[k + 1] if k + 1 < len(rows) else None
        l1c = M() if l1 is None else Cell(l1, vmerge='restart' if nxt and nxt[0] is None else None)
        l2c = M() if l2 is None else Cell(l2, vmerge='restart' if nxt and nxt[1] is None else None)
        if std_col:
            r = t.row(M(), l1c, l2c, C(l3), C(val), C(std or ''))
        else:
            r = t.row(M(), l1c, l2c, C(l3, 2), C(val))
        vcol = 4 if std_col else 5
        out.append(indicator('annual', e1, e2, unnumber(l3), val, spec, (t.index, r, vcol),
                             standard=std if std_col else None))
    return out


def footer_fields(fields, pos):
    fields['unit_head'] = empty(pos)
    fields['filled_by'] = text('颜绵绵', pos)
    fields['contact_phone'] = text('15674905956', pos)


def dept(doc):
    t = doc.table(Table(6))
    ti = t.index
    t.row(C('附表1'), C(''), C(''), C(''), C(''), C(''))
    t.row(C('2023年部门整体支出绩效目标表', 6))
    r = t.row(C('填报单位：（盖章）', 4), C('金额：万元', 2))
    fields = {'filing_unit': fld(None, '（盖章）', (ti, r, 0), ['empty'])}
    r = t.row(C('部门名称'), C('株洲市石峰区人民政府办公室', 5))
    fields['department'] = text('株洲市石峰区人民政府办公室', (ti, r, 1))
    r = t.row(Cell('年度预算申请\n（万元）', vmerge='restart'), C('资金总额：718.46', 5))
    funds = {'current_year_total': amount('718.46', 718.46, (ti, r, 1))}
    t.row(M(), C('按收入性质分', 2), C('按支出性质分', 3))
    r1 = t.row(M(), C('其中：一般公共预算拨款'), C('718.46'), C('其中：基本支出', 2), C('544.46'))
    r2 = t.row(M(), C('     政府性基金拨款'), C('0'), C('      项目支出', 2), C('174'))
    r3 = t.row(M(), C('         其他资金'), C('0'), C('', 2), C(''))
    funds['breakdown'] = [
        {'source': 'fiscal_appropriation', 'label': '一般公共预算拨款', 'current_year': amount('718.46', 718.46, (ti, r1, 2))},
        {'source': 'basic_expenditure', 'label': '基本支出', 'current_year': amount('544.46', 544.46, (ti, r1, 5))},
        {'source': 'government_fund', 'label': '政府性基金拨款', 'current_year': amount('0', 0, (ti, r2, 2))},
        {'source': 'project_expenditure', 'label': '项目支出', 'current_year': amount('174', 174, (ti, r2, 5))},
        {'source': 'other', 'label': '其他资金', 'current_year': amount('0', 0, (ti, r3, 2))}]
    r = t.row(C('部门职责概述'), C(DUTY, 5))
    fields['overview'] = text(DUTY, (ti, r, 1))
    t.row(Cell('年度重点       工作计划', vmerge='restart'), C('事项'), C('责任单位/科室', 2), C('工作目标', 2))
    plans = []
    for item, owner, goal in PLANS:
        r = t.row(M(), C(item), C(owner, 2), C(goal, 2))
        plans.append({'item': item, 'owner': owner, 'goal': goal, 'flags': [], 'at': at(ti, r, 1)})
    t.row(Cell('年度绩效指标', vmerge='restart'), C('一级指标'), C('二级指标'), C('三级指标', 2), C('指标值及单位'))
    inds = ind_rows(t, ti, DEPT_IND, False)
    r = t.row(C(FOOT, 6))
    footer_fields(fields, (ti, r, 0))
    return declaration('department_overall', '2023年部门整体支出绩效目标表', 2023, ti, fields, funds, plans=plans,
                       indicators=inds)


SUMMARY = [('一', '交通顽瘴痼疾整治', '20', 20, '降事故，保安全，保畅通，提高群众安全感'),
           ('二', '业务性专项经费', '54', 54, '切实履行“综合协调、参谋决策、督察督办、服务保障”工作职能，确保政务服务顺达高效、干部队伍素质不断提升，有力促进全区各项工作顺利推进。'),
           ('三', '禁毒工作经费', '100', 100, '认真贯彻中央、省、市禁毒委关于加强禁毒工作的重大决策部署，深入开展“三清一收一净”专项行动，集中打击整治毒品突出问题，健全毒品问题整治体系，推动禁毒工作深入开展，努力提升人民群众的安全感和获得感。')]


def summary(doc):
    t = doc.table(Table(5))
    ti = t.index
    t.row(C('附表2'), C(''), C(''), C(''), C(''))
    t.row(C('2023年区级专项资金绩效目标汇总表', 5))
    r = t.row(C('填报单位：（盖章）', 2), C(''), C('金额单位：万元', 2))
    fields = {'filing_unit': fld(None, '（盖章）', (ti, r, 0), ['empty'])}
    t.row(C('序号'), C('名  称'), C('金  额'), C('实施期绩效目标'), C('年度绩效目标'))
    t.row(C(''), C('合  计'), C(''), C(''), C(''))
    items = []
    for seq, name, amt, n, goal in SUMMARY:
        r = t.row(C(seq), C(name), C(amt), C(goal), C(goal))
        items.append({'seq': seq, 'name': name, 'amount': amount(amt, n, (ti, r, 2)), 'long_term_goal': goal,
                      'annual_goal': goal, 'flags': [], 'at': at(ti, r, 0)})
    for _ in range(3):
        t.row(C(''), C(''), C(''), C(''), C(''))
    r = t.row(C('单位负责人签字：', 5))
    fields['unit_head'] = empty((ti, r, 0))
    foot = '填表人： 颜绵绵                                   联系电话：       15674905956                '
    r = t.row(C(foot, 5))
    fields['filled_by'] = text('颜绵绵', (ti, r, 0))
    fields['contact_phone'] = text('15674905956', (ti, r, 0))
    return declaration('special_fund_summary', '2023年区级专项资金绩效目标汇总表', 2023, ti, fields,
                       summary=items)


def direction(doc, f):
    t = doc.table(Table(6))
    ti = t.index
    t.row(C('附表3'), C(''), C(''), C(''), C(''), C(''))
    t.row(C('2023年区级专项资金支出方向绩效目标表', 6))
    r = t.row(C('填报单位：（盖章）', 3), C('          金额单位：万元', 3))
    fields = {'filing_unit': fld(None, '（盖章）', (ti, r, 0), ['empty'])}
    r = t.row(C('支出方向      （子项）'), C(f['name'], 2), C('所属专项'), C('名称'), C(f['name']))
    fields['project_name'] = text(f['name'], (ti, r, 1))
    r = t.row(C('项目金额'), C(f['amount'], 2), C(''), C('金额'), C(f['amount']))
    funds = {'current_year_total': amount(f['amount'], float(f['amount']), (ti, r, 1)), 'breakdown': []}
    r = t.row(C('项目实施期'), C('2023年全年', 5))
    fields['period'] = fld({'start': '2023-01', 'end': '2023-12'}, '2023年全年', (ti, r, 1))
    r = t.row(C('实施期绩效目标'), C(f['goals'][0], 5))
    fields['long_term_goal'] = text(f['goals'][0], (ti, r, 1))
    r = t.row(C('年度绩效目标'), C(f['goals'][1], 5))
    fields['annual_goal'] = text(f['goals'][1], (ti, r, 1))
    t.row(Cell('年度绩效指标', vmerge='restart'), C('一级指标'), C('二级指标'), C('三级指标'), C('指标值及单位'), C('绩效标准'))
    inds = ind_rows(t, ti, f['ind'], True)
    t.row(Cell('支出明细及测算 说明', vmerge='restart'), C('支出内容简介'), C('支出明细'), C('金额'),
          C('支出测算依据及过程说明', 2))
    items = []
    for name, amt, basis, raw_xml in f['items']:
        amount_cell = Cell(amt, raw_xml=raw_xml) if raw_xml else C(amt)
        r = t.row(M(), C(name), C(name), amount_cell, C(basis, 2))
        items.append({'name': name, 'current_year': amount(amt, float(amt), (ti, r, 3)),
                      'basis': ' '.join(basis.split()), 'flags': [], 'at': at(ti, r, 1)})
    t.row(M(), C('合  计', 2), C(f['amount']), C('', 2))
    r = t.row(C(FOOT3, 6))
    footer_fields(fields, (ti, r, 0))
    return declaration('special_fund_direction', '2023年区级专项资金支出方向绩效目标表', 2023, ti, fields, funds,
                       items=items, indicators=inds)


G1 = '切实履行“综合协调、参谋决策、督察督办、服务保障”工作职能，确保政务服务顺达高效、干部队伍素质不断提升，有力促进全区各项工作顺利推进。'
G3 = '认真贯彻中央、省、市禁毒委关于加强禁毒工作的重大决策部署，深入开展“三清一收一净”专项行动，集中打击整治毒品突出问题，健全毒品问题整治体系，推动禁毒工作深入开展，努力提升人民群众的安全感和获得感。'
DRUG = '不断提升全民积极参与禁毒的意识和识毒、防毒、拒毒。'
BOOKMARK_10 = ('<w:p><w:bookmarkStart w:id="0" w:name="_GoBack"/><w:r><w:t>10</w:t></w:r>'
               '<w:bookmarkEnd w:id="0"/></w:p>')
DIRECTIONS = [
    dict(name='业务性专项经费', amount='54', goals=(G1, G1),
         ind=[('产出指标', '数量指标', '全力抓好对省、市党委政府的重大决策部署和领导批示交办事项以及有关会议议定事项的跟踪督办。', '每月开展调研督查不少于3次。', 'N >= 3 次', 'P', 'sl', '计划标准'),
              (None, '质量指标', '各项指标考核等级', '优', 'Q', 'P', 'zl', '其他标准'),
              (None, '时效指标', '2023年12月', '2023年12月', 'D', 'P', 'sx', '计划标准'),
              (None, '成本指标', '不超过预算', '≤54万元', 'N <= 54 万元', 'P', 'cb', '计划标准'),
              ('效益指标', '经济效益指标', '无纸化办公，减少浪费。', '较好完成', 'Q', 'B', 'jj', '其他标准'),
              (None, '社会效益指标', '综合调研质量、督查督办水平', '不断提升', 'Q', 'B', 'sh', '其他标准'),
              (None, '生态效益指标', '无纸化办公', '较好完成', 'Q', 'B', 'st', '其他标准'),
              (None, '可持续影响  指标', '政务服务、干部素质', '不断提升', 'Q', 'B', 'kc', '其他标准'),
              (None, '社会公众及服务对象满意度指标', '社会公众综合满意度', '不断提升', 'Q', 'B', 'my', '其他标准')],
         items=[('办公费', '10', '综合调研、督查督办、办公用品、电脑耗材、会议用水、茶叶等10万元。', None),
                ('邮电费', '6', '知会系统运行费3万、知会短信电话服务费、办公室固话费等3万元。', None),
                ('其他商品和服务支出', '38', '公务接待费、档案管理、机要保密经费 、值班工作经费、人大、政协建议提案办理等38万元。', None)]),
    dict(name='交通顽瘴痼疾整治', amount='20', goals=('降事故，保安全，保畅通，提高群众安全感。',) * 2,
         ind=[('产出指标', '数量指标', '马路市场道路交通安全隐患整治', '6个　', 'N = 6 个', 'P', 'sl', '计划标准'),
              (None, None, '农村道路高风险路段整治', '19个　', 'N = 19 个', 'P', 'sl', '计划标准'),
              (None, None, '道路交通安全事故多发路段隐患整治', '15处', 'N = 15 处', 'P', 'sl', '计划标准'),
              (None, None, '道路标志标线，宣传报道，悬挂横幅，', '道路标志标线60处，宣传报道126次，悬挂横幅350条', 'C', 'P', 'sl', '计划标准'),
              (None, None, '查处各类违法行为', '2000起', 'N = 2000 起', 'P', 'sl', '计划标准'),
              (None, '质量指标', '各项指标考核等级', '优', 'Q', 'P', 'zl', '计划标准'),
              (None, '时效指标', '整治行动完成时限', '2023年12月', 'D', 'P', 'sx', '计划标准'),
              (None, '成本指标', '不超过预算', '≤20万元', 'N <= 20 万元', 'P', 'cb', '计划标准'),
              ('效益指标', '经济效益指标', '无直接经济效益', '无直接经济效益', 'Q', 'B', 'jj', '计划标准'),
              (None, '社会效益指标', '降事故，保安全、保畅通，提高群众安全感', '不断提高', 'Q', 'B', 'sh', '其他标准'),
              (None, '生态效益指标', '无直接生态效益', '无直接生态效益', 'Q', 'B', 'st', '计划标准'),
              (None, '可持续影响  指标', '预防和减少交通事故，落实生命至上的理念，提高群众安全感减少人民群众财产损失', '不断提高', 'Q', 'B', 'kc', '其他标准'),
              (None, '社会公众及服务对象满意度指标', '各项指标考核等级', '优', 'Q', 'B', 'my', '计划标准')],
         items=[('办公经费', '3', '各项顽瘴痼疾整治误餐费、矿泉水1万元，办公耗材2万元。', None),
                ('宣传费', '9', '村口提示牌10个*3000共3万元，社区宣传栏40块*500共2万，印宣传单4万元，全年宣传50次左右。', None),
                ('交通设施费', '3', '\n彩红桥，铜霞路3期的交通标牌标识等3万元。', None),
                ('隐患排查路段整治', '5', '湘田桥，红旗北路，二桥桥头的交通信号灯、标牌标识、划线等5万元。', None)]),
    dict(name='禁毒工作经费', amount='100', goals=(G3, G3 + '。'),
         ind=[('产出指标', '数量指标', '污水检测；毛发检测', '每季度1次；每年1轮', 'C', 'P', 'sl', '计划标准'),
              (None, '质量指标', '预防教育，戒毒康复，打击整治能力。', '不断提升', 'Q', 'P', 'zl', '其他标准'),
              (None, '时效指标', '1年', '1年', 'N = 1 年', 'P', 'sx', '计划标准'),
              (None, '成本指标', '不超过预算', '≤100万元', 'N <= 100 万元', 'P', 'cb', '计划标准'),
              ('效益指标', '经济效益指标', DRUG, '不断提升', 'Q', 'B', 'jj', '其他标准'),
              (None, '社会效益指标', DRUG, '不断提升', 'Q', 'B', 'sh', '其他标准'),
              (None, '生态效益指标', DRUG, '不断提升', 'Q', 'B', 'st', '其他标准'),
              (None, '可持续影响  指标', DRUG, '不断提升', 'Q', 'B', 'kc', '其他标准'),
              (None, '社会公众及服务对象满意度指标', '社会公众综合满意度', '95%以上　', 'N >= 95 %', 'B', 'my', '其他标准')],
         items=[('毛发检测', '50', '毛发检测：50万元（100元/份×5000份=50万元）', None),
                ('吸毒人员管理', '12', '吸毒人员管理费：12万元（1500元/人×80人=12万元，吸毒人员数量一直在变化，以实际为准）', None),
                ('病残人员收治', '10', '病残人员收治费用：10万元 （参照收治中心统一收费标准，以实际为准）', BOOKMARK_10),
                ('污水检测', '10', '污水检测：10万元（省市一季度1次，全年4次，按照要求自查每年最少4次 ，合计前全年最少8次）', None),
                ('宣传费', '10', '宣传费：10万元（全年70次左右，包括6.26禁毒日宣传、今冬明春大型宣传及日常宣传）', None),
                ('尿检板费用', '3', '尿检板费用：3万元 （用于辖区吸毒人员日常尿检工作 数量以实际为准 ）', None),
                ('举报奖励', '5', '举报奖励：5万元（群众举报吸毒人员奖励兑换，一年一次，实际为准）', None)]),
]


def build(outdir):
    doc = Document(checkbox='glyph')
    decls = [dept(doc), summary(doc)] + [direction(doc, f) for f in DIRECTIONS]
    doc.write(outdir + '/' + FILE)
    return FILE, document(FILE, decls)
