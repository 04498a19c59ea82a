"""Seed 000: 湘阴县人民政府办公室, 2023 — project forms with money tables,
spending items, a schedule and indicators in two halves, plus the
部门整体支出 form (附件1). The original was a PDF; this is its DOCX twin.
Checkboxes are Wingdings symbols, as Word writes them. All eight forms
of the file are here, in its order."""
from docxgen import Document, Table, C, M, Cell
from expect import (declaration, document, text, empty, amount, fld, indicator, at,
                    collapse, unnumber)

FILE = 'seed000-xiangyin.docx'
UNIT = '湘阴县人民政府办公室'
TYPES = ['基本建设类', '新建', '扩建', '改建', '行政事业类', '采购类', '修缮类', '奖励类', '其他专项类']


def type_text(ticked, third='3. 其他专项类'):
    b = ['{ON}' if i in ticked else '{OFF}' for i in range(9)]
    return ('1. 基本建设类 %s 其中：新建 %s 扩建 %s 改建 %s 2. 行政事业类 %s 其中：采购类 %s '
            '修缮类 %s 奖励类 %s %s %s' % (*b[:8], third, b[8]))


def raw_boxes(s):
    return s.replace('{ON}', '☑').replace('{OFF}', '☐')


def vm(rows, col):
    """Marks vertical merges in indicator rows: None continues the cell above."""
    return rows


def project_form(doc, f):
    """Adds one project form; returns its expected declaration."""
    doc.para(f['title_raw'], center=True)
    pu = doc.para('填报单位（盖章）：' + UNIT)
    ph = doc.para('单位负责人：王锐')
    fields = {}
    fields['filing_unit'] = text('湘阴县人民政府办公室', (None, pu, None))
    fields['unit_head'] = text('王锐', (None, ph, None))
    t = doc.table(Table(6))
    ti = t.index
    head = Cell('项目基本情况', vmerge='restart')
    r = t.row(head, C('项目名称'), C(f['name'], 4))
    fields['project_name'] = text(f['name'], (ti, r, 2))
    new, cont = f['attr']
    attr_text = ('新增项目 %s' % ('{ON}' if new else '{OFF}'), '延续项目 %s' % ('{ON}' if cont else '{OFF}'))
    r = t.row(M(), C('项目属性'), C(attr_text[0], 2), C(attr_text[1], 2))
    fields['project_attribute'] = fld('new' if new else 'continuing',
                                      raw_boxes(attr_text[0] + ' ' + attr_text[1]), (ti, r, 2))
    p_raw, p_start, p_end = f['period']
    r = t.row(M(), C('主管部门'), C(f['dept']), C('项目起止时间'), C(p_raw, 2))
    fields['department'] = text(f['dept'], (ti, r, 2))
    fields['period'] = fld({'start': p_start, 'end': p_end}, p_raw, (ti, r, 4))
    r = t.row(M(), C('项目负责人'), C(f['lead']), C('联系电话'), C('2115589', 2))
    fields['project_lead'] = text(f['lead'], (ti, r, 2))
    fields['contact_phone'] = text('2115589', (ti, r, 4))
    r = t.row(M(), C('绩效管理联络员'), C(f['contact']), C('联系电话'), C('2115589', 2))
    fields['performance_contact'] = text(f['contact'], (ti, r, 2))
    tt = type_text([8], f.get('third', '3. 其他专项类'))
    r = t.row(M(), C('项目类型'), C(tt, 4))
    fields['project_type'] = fld('其他专项类', raw_boxes(tt), (ti, r, 2))
    r = t.row(M(), C('项目概况'), C(f['overview'], 4))
    fields['overview'] = text(f['overview'], (ti, r, 2))
    r = t.row(C('项目立项依据', 2), C(f['basis'], 4))
    fields['basis'] = text(f['basis'], (ti, r, 2))
    # money
    r = t.row(Cell('项目资金情况', vmerge='restart'), Cell('项目资金申请（万元）', vmerge='restart'),
              C(f.get('item_label', '项 目')), C('上年度安排资金'), C('本年度申请资金', 2))
    breakdown = []
    funds = {}
    sources = [('合计', 'total'), ('市级资金', 'municipal'), ('省级资金', 'provincial'),
               ('中央资金', 'central'), ('县级资金', 'county')]
    for (label, src), (pr, pn, cr, cn) in zip(sources, f['funds']):
        shown = f.get('total_label', '合 计') if src == 'total' else label
        r = t.row(M(), M(), C(shown), C(pr), C(cr, 2))
        e = {'source': src, 'label': label, 'prior_year': amount(pr, pn, (ti, r, 3)),
             'current_year': amount(cr, cn, (ti, r, 4))}
        breakdown.append(e)
        if src == 'total':
            funds['current_year_total'] = e['current_year']
            funds['prior_year_total'] = e['prior_year']
    funds['breakdown'] = breakdown
    r = t.row(M(), Cell('支出明细预算（万元）', vmerge='restart'), C(f.get('item_label', '项 目')),
              C('上年度安排资金'), C('本年度申请资金'), C('测算依据及说明'))
    tr, tc, tb = f['items_total']
    t.row(M(), M(), C(f.get('total_label', '合 计')), C(tr), C(tc), C(tb))
    items = []
    for name_raw, name, pr, pn, cr, cn, basis in f['items']:
        r = t.row(M(), M(), C(name_raw), C(pr), C(cr), C(basis))
        if name is None and not pr and not cr:
            continue  # placeholder row: a number only
        items.append({'name': name, 'prior_year': amount(pr, pn, (ti, r, 3)),
                      'current_year': amount(cr, cn, (ti, r, 4)), 'basis': basis or None,
                      'flags': [], 'at': at(ti, r, 2)})
    # the form continues in a second table, as in the original
    t2 = doc.table(Table(6))
    t2i = t2.index
    r = t2.row(C('单位已有的（或拟订的）保障项目实施的制度、措施', 2), C('财务制度', 4))
    fields['safeguards'] = text('财务制度', (t2i, r, 2))
    t2.row(Cell('项目年度实施进度计划', vmerge='restart'), C('项目实施内容', 2), C('开始时间'), C('结束时间', 2))
    schedule = []
    for content, s_raw, s_iso, e_raw, e_iso in f['schedule']:
        r = t2.row(M(), C(content, 2), C(s_raw), C(e_raw, 2))
        schedule.append({'content': content or None, 'start': s_iso, 'end': e_iso, 'flags': [],
                         'at': at(t2i, r, 1 if content else 3)})
    r = t2.row(Cell('项目年度绩效目标情况', vmerge='restart'), C(f.get('lt_label', '长期绩效目标')),
               C(f['long_goal'], 4))
    fields['long_term_goal'] = text(f['long_goal'], (t2i, r, 2)) if f['long_goal'] else empty((t2i, r, 2))
    r = t2.row(M(), C(f.get('an_label', '本年度绩效目标')), C(f['annual_goal'], 4))
    fields['annual_goal'] = text(f['annual_goal'], (t2i, r, 2)) if f['annual_goal'] else empty((t2i, r, 2))
    inds = []

    def ind_block(rows):
        prev = {}
        for k, (l1, l2, l3, val, spec, e1, e2, flags) in enumerate(rows):
            nxt = rows[k + 1] if k + 1 < len(rows) else None

            def cell(v, idx):
                if v is None:
                    return M()
                restart = nxt is not None and nxt[idx] is None
                return Cell(v, vmerge='restart' if restart else None)
            r = t2.row(M(), M(), cell(l1, 0), cell(l2, 1), C(l3), C(val))
            pos = (t2i, r, 5) if val else (t2i, r, 4)
            if not l3 and not val:
                continue
            inds.append(indicator('annual', e1, e2, unnumber(l3), val, spec, pos, flags=flags))
    t2.row(M(), Cell('项目年度绩效指标', vmerge='restart'), C('一级指标'), C('二级指标'), C('三级指标'),
           C('指标值'))
    ind_block(f['ind1'])
    t2.row(M(), M(), C('一级指标'), C('二级指标'), C('三级指标'), C('指标值'))
    ind_block(f['ind2'])
    r = t2.row(C('其他说明的问题', 2), C('无', 4))
    fields['other_notes'] = text('无', (t2i, r, 2))
    r = t2.row(C('财政部门审核意见', 2), C(f['review'], 4))
    fields['review_opinion'] = text(f['review'], (t2i, r, 2))
    return declaration('project_expenditure', f['title'], 2023, ti, fields, funds, items, schedule,
                       indicators=inds, flags=f.get('flags', ()))


def dept_form(doc):
    doc.para('附件1')
    doc.para('2023年度湘阴县人民政府办公室整体支出预算 绩效目标申报表', center=True)
    pu = doc.para('填报单位（盖章）：' + UNIT)
    ph = doc.para('单位负责人：王锐')
    fields = {'filing_unit': text(UNIT, (None, pu, None)), 'unit_head': text('王锐', (None, ph, None))}
    t = doc.table(Table(6))
    ti = t.index
    r = t.row(Cell('部门 基本 信息', vmerge='restart', vertical=True), C('预算单位'), C('湘阴县政府办', 4))
    fields['department'] = text('湘阴县政府办', (ti, r, 2))
    r = t.row(M(), C('绩效管理联络员'), C('方小莉'), C('联系电话'), C('2115589', 2))
    fields['performance_contact'] = text('方小莉', (ti, r, 2))
    fields['contact_phone'] = text('2115589', (ti, r, 4))
    r = t.row(M(), C('人员编制数'), C('70人'), C('实有人数'), C('80人', 2))
    fields['staff_quota'] = fld(70, '70人', (ti, r, 2))
    fields['staff_actual'] = fld(80, '80人', (ti, r, 4))
    duty = '湘阴县人民政府办公室是县人民政府的日常办事机构，负责办理县人民政府的日常事务。'
    r = t.row(M(), C('部门职能职责概述'), C(duty, 4))
    fields['overview'] = text(duty, (ti, r, 2))
    t.row(M(), C('单位年度收入预算（万元）', 5))
    t.row(M(), C('收入合计'), C('公共财政拨款'), C('政府性基金拨款'), C('非税收入拨款'), C('其他拨款'))
    r = t.row(M(), C('1520.67'), C('1520.67'), C(''), C(''), C(''))
    bk = [{'source': 'total', 'label': '收入合计', 'current_year': amount('1520.67', 1520.67, (ti, r, 1))},
          {'source': 'fiscal_appropriation', 'label': '公共财政拨款', 'current_year': amount('1520.67', 1520.67, (ti, r, 2))},
          {'source': 'government_fund', 'label': '政府性基金拨款', 'current_year': empty((ti, r, 3))},
          {'source': 'non_tax', 'label': '非税收入拨款', 'current_year': empty((ti, r, 4))},
          {'source': 'other', 'label': '其他拨款', 'current_year': empty((ti, r, 5))}]
    funds = {'current_year_total': amount('1520.67', 1520.67, (ti, r, 1))}
    t.row(M(), C('单位年度支出预算（万元）', 5))
    t.row(M(), C('支出合计'), C('基本支出', 2), C('项目支出', 2))
    r = t.row(M(), C('1520.67'), C('1100.67', 2), C('420', 2))
    bk += [{'source': 'total', 'label': '支出合计', 'current_year': amount('1520.67', 1520.67, (ti, r, 1))},
           {'source': 'basic_expenditure', 'label': '基本支出', 'current_year': amount('1100.67', 1100.67, (ti, r, 2))},
           {'source': 'project_expenditure', 'label': '项目支出', 'current_year': amount('420', 420, (ti, r, 4))}]
    t.row(M(), C('其中'), C('三公经费预算（万元）', 4))
    t.row(M(), C('合计'), C('公务用车运行和购置费', 2), C('因公出国（境）费'), C('公务接待费'))
    r = t.row(M(), C('13'), C('0', 2), C('0'), C('13.18'))
    bk += [{'source': 'three_public', 'label': '合计', 'current_year': amount('13', 13, (ti, r, 1))},
           {'source': 'three_public', 'label': '公务用车运行和购置费', 'current_year': amount('0', 0, (ti, r, 2))},
           {'source': 'three_public', 'label': '因公出国（境）费', 'current_year': amount('0', 0, (ti, r, 4))},
           {'source': 'three_public', 'label': '公务接待费', 'current_year': amount('13.18', 13.18, (ti, r, 5))}]
    funds['breakdown'] = bk
    goal = ('目标1：提供优质决策参谋，为县政府提供有益参考。\n目标2：规范办文办事程序，实现公文事务零延误、零差错。\n'
            '目标3：严督促督查督办，督促督查督办各项重点工作已有效落实。')
    r = t.row(C('年度 整体 支出 目标'), C(goal, 5))
    fields['annual_goal'] = text(goal, (ti, r, 1))
    t2 = doc.table(Table(6))
    t2i = t2.index
    inds = []
    t2.row(Cell('部 年 门 度 整 体 效 支 指 出 标', vmerge='restart', vertical=True), C('一级指标'), C('二级指标'),
           C('三级指标'), C('指标值', 2))
    rows = [('数量指标', '1. 发布、办理公文数量 2. 各战线调研单位次数', '1、办理公文数量780次 2. 各战线调研单位约220次', 'C', 'sl'),
            ('质量指标', '1. 督导落实率 2. 提案建议回复率', '100%', 'N = 100 %', 'zl'),
            ('时效指标', '2023. 01-2023. 12', '全年', 'Q', 'sx'),
            ('成本指标', '控制在预算内', '控制在预算内', 'Q', 'cb')]
    for k, (l2, l3, val, spec, e2) in enumerate(rows):
        l1 = Cell('产出指标（预期提供的公共产品或服务，包括数量、质量、时效、成本等）', vmerge='restart') if k == 0 else M()
        r = t2.row(M(), l1, C(l2), C(l3), C(val, 2))
        inds.append(indicator('annual', 'P', e2, unnumber(l3), val, spec, (t2i, r, 4)))
    t2.row(Cell('年 度 绩 效 指 标 部 门 整 体 支 出', vmerge='restart', vertical=True), C('一级指标'), C('二级指标'),
           C('三级指标'), C('指标值', 2))
    rows = [('社会效益', '1. 提高党员形象，提高干部素质，净化党员干部，营造风清气正，为人民服务的良好社会风气 2. 民生发展关注率', '100%', 'N = 100 %', 'sh'),
            ('可持续影响', '促进政府工作正常运转', '100%', 'N = 100 %', 'kc'),
            ('服务对象满意度', '1. 党员满意度 2. 群众满意度', '98%', 'N = 98 %', 'my')]
    for k, (l2, l3, val, spec, e2) in enumerate(rows):
        l1 = Cell('效益指标（预期可能实现的效益，包括经济效益、社会效益、环境效益、可持续影响以及服务对象满意度等）',
                  vmerge='restart') if k == 0 else M()
        r = t2.row(M(), l1, C(l2), C(l3), C(val, 2))
        inds.append(indicator('annual', 'B', e2, unnumber(l3), val, spec, (t2i, r, 4)))
    r = t2.row(C('其他说明的 问题'), C('无', 5))
    fields['other_notes'] = text('无', (t2i, r, 1))
    rev = '同意申报，请严格按照绩效目标组织实施 2022 年 11 月 28日'
    r = t2.row(C('财 政 核 审 部 门 意 见'), C(rev, 5))
    fields['review_opinion'] = text(rev, (t2i, r, 1))
    return declaration('department_overall', '2023年度湘阴县人民政府办公室整体支出预算绩效目标申报表', 2023, ti,
                       fields, funds, indicators=inds, flags=['sum_mismatch:funds'])


EMPTY_FUNDS = [('', None, '', None)] * 3
REVIEW = '同意申报，请严格按照绩效目标组织实施。 2022年 11 月 28 日'
TITLE = '2023年度湘阴县人民政府办公室项目支出预算绩效目标申报表'

FORMS = [
    dict(title_raw=TITLE, title=TITLE, name='驻京联络维稳工作组', attr=(False, True), dept='县政府办',
         period=('2023年1月-12月', '2023-01', '2023-12'), lead='柳旭', contact='郑鑫',
         overview='维稳、联络、招商三大工作经费',
         basis='湘阴县驻京联络办相关经费建议方案及湘阴县人民政府办公室关于将驻京联络员纳入统一管理文件',
         funds=[('68', 68, '50', 50)] + EMPTY_FUNDS + [('68', 68, '50', 50)],
         items_total=('68', '50', ''),
         items=[('1、房租费用', '房租费用', '', None, '', None, '合同'),
                ('2、租车费用', '租车费用', '', None, '', None, '合同'),
                ('3、维稳工作费用', '维稳工作费用', '', None, '', None, '上年度实际使用情况'),
                ('4、招商、联络工作费用', '招商、联络工作费用', '', None, '', None, '上年度实际使用情况')],
         schedule=[('维稳、联络、招商工作经费', '2023年1月1日', '2023-01-01', '2023/1/12月', '2023-12')],
         long_goal='全年度特护维稳工作期间保持零登记，有效处置化解进京上访人员信访问题，招商引资活动一场，招商引资项目一个，联络乡友樟树港辣椒太空培育项目等',
         annual_goal='为加强驻京维稳、联络、招商工作的顺利开展，保障工作经费的正常开展。',
         ind1=[('产出指标', '数量指标', '保障驻京工作顺利开展', '保障工作', 'Q', 'P', 'sl', ()),
               (None, '质量指标', '扎实做好驻京工作', '≥98', 'N >= 98', 'P', 'zl', ()),
               (None, '时效指标', '确实有效完成工作职责', '2023年1-12月', 'D', 'P', 'sx', ()),
               (None, '成本指标', '财政预算指标内完成', '', 'E', 'P', 'cb', ())],
         ind2=[('效益指标', '经济效益', '无直接经济效益', '', 'E', 'B', 'jj', ()),
               (None, '社会效益', '加强乡友联络', '≥97', 'N >= 97', 'B', 'sh', ()),
               ('生态效益', '', '无社会危害', '', 'E', 'B', 'st', ('level1_inferred',)),
               ('可持续影响', '', '协调有效的驻京工作开展', '≥98', 'N >= 98', 'B', 'kc', ('level1_inferred',)),
               ('服务对象满意度', '', '1、信访人员2、在京乡友', '≥98', 'N >= 98', 'S', 'my', ('level1_inferred',))],
         review='同意申报，请严格按照绩效目标组织实施 2022年11月28日'),
    dict(title_raw=TITLE, title=TITLE, name='湘阴县平安城市及雪亮工程项目工作协调经费', attr=(False, True),
         dept='湘阴县政府办', period=('202301-202312', '2023-01', '2023-12'), lead='王锐', contact='蒯婷婷',
         overview='湘阴县平安城市及雪亮工程项目工作协调经费', basis='每年省民生实事工程项目及湘阴县平安城市工作建设领导指示',
         item_label='项目', total_label='合计',
         funds=[('15万', 15, '15万', 15)] + EMPTY_FUNDS + [('15万', 15, '15万', 15)],
         items_total=('15万', '15万', '依据每年向省市工作对接、下乡协调、勘察、'), items=[],
         schedule=[('湘阴县平安城市及雪亮工程项目工作协调经费', '2023年1月1日', '2023-01-01', '2023年12月31日', '2023-12-31')],
         long_goal='确保平安城市及雪亮工程项目运管正常', annual_goal='确保平安城市及雪亮工程项目运管正常',
         ind1=[('产出指标', '数量指标', '交流学习次数', '≥5次', 'N >= 5 次', 'P', 'sl', ()),
               (None, None, '协调单位数量', '18家', 'N = 18 家', 'P', 'sl', ()),
               (None, '质量指标', '符合国家平安城市技术规范要求', '99%', 'N = 99 %', 'P', 'zl', ()),
               (None, '时效指标', '满足2023年民生工程建设时限要求', '99%', 'N = 99 %', 'P', 'sx', ()),
               (None, '成本指标', '控制在预算内', '≤15万元', 'N <= 15 万元', 'P', 'cb', ())],
         ind2=[('社会效益', '社会效益', '确保县乡两级平安管理', '有效确保', 'Q', 'B', 'sh', ('level1_inferred',)),
               ('可持续影响', '', '确保平安城市管理工作顺利进行', '有效确保', 'Q', 'B', 'kc', ('level1_inferred',)),
               ('服务对象满意度', '', '人民群众满意度', '98%', 'N = 98 %', 'S', 'my', ('level1_inferred',))],
         review='同意申报，请严格按照绩效目标组织实施。 2022年 11 月 28 日'),
    'dept',
    dict(title_raw=TITLE, title=TITLE, name='各战线调研协调工作经费', attr=(False, True), dept='县政府办',
         period=('2023.01--2023.12', '2023-01', '2023-12'), lead='柳旭', contact='方小莉',
         third='3. 其 其他专项类', overview='', basis='',
         funds=[('60万元', 60, '120万元', 120)] + EMPTY_FUNDS + [('60万元', 60, '120万元', 120)],
         items_total=('60万元', '120万元', ''),
         items=[('1、各战线协调工作', '各战线协调工作', '60万元', 60, '120万元', 120, ''),
                ('2', None, '', None, '', None, ''), ('3', None, '', None, '', None, '')],
         schedule=[('各战线调研协调工作经费', '2023. 01. 01', '2023-01-01', '2023. 12. 31', '2023-12-31')],
         long_goal='', annual_goal='',
         ind1=[('产出指标', '数量指标', '调研单位数量', '220次', 'N = 220 次', 'P', 'sl', ()),
               (None, None, '调研项目数量', '28个', 'N = 28 个', 'P', 'sl', ()),
               (None, '质量指标', '确保调研工作正常开展', '已确保', 'Q', 'P', 'zl', ()),
               (None, '时效指标', '任务完成时间', '2023年1-12月', 'D', 'P', 'sx', ()),
               (None, '成本指标', '控制在预算内', '≤120万元', 'N <= 120 万元', 'P', 'cb', ())],
         ind2=[('', '社会效益', '有效促进社会发展', '有效促进', 'Q', 'B', 'sh', ('level1_inferred',)),
               ('', '可持续影响', '加强政府管控', '长期有效', 'Q', 'B', 'kc', ('level1_inferred',)),
               ('', '服务对象满意度', '被调研单位满意度', '≥98%', 'N >= 98 %', 'S', 'my', ('level1_inferred',)),
               ('', None, '群众满意度', '≥97%', 'N >= 97 %', 'S', 'my', ('level1_inferred',))],
         review='同意申报，请严格按照绩效目标组织实施 2022年11月 28 日'),
    dict(title_raw='2023年度湘阴县人民政府办公室项目支出 预算 绩效目标申报表', title=TITLE, name='优化营商环境',
         attr=(False, True), dept='县政府办', period=('2023年1月—12月', '2023-01', '2023-12'), lead='黄金魁',
         contact='彭小波', overview='优化营商环境工作经费', basis='《关于明确2023年优化营商环境工作预算的请示》',
         item_label='项目', total_label='合计',
         funds=[('25', 25, '30', 30)] + EMPTY_FUNDS + [('25', 25, '30', 30)],
         items_total=('25', '30', '根据上年度优化营商环境工作经费支出情况测算'),
         items=[('1', None, '', None, '', None, ''), ('2', None, '', None, '', None, '')],
         schedule=[('优化营商环境工作经费', '2023年1月', '2023-01', '2023年12月', '2023-12')],
         lt_label='长期 绩效 目标', an_label='本年 度绩 效目',
         long_goal='统筹协调有关部门开展优化营商环境工作，举办重要的助力营商环境优化活动，组织开展督查，编撰工作资料，加强工作经费保障。',
         annual_goal='弥补营商环境工作经费不足，保障全年工作正常开展。',
         ind1=[('产出指标', '数量指标', '共涉及18个指标，弥补优化营商环境经费不足，保障全年任务有效开展。',
                '全县35个重点单位涉及营商环境工作，全年开展好营商环境优化工作。', 'N = 35 个', 'P', 'sl', ()),
               (None, '质量指标', '确保优化营商环境工作正常开展，各项工作落实落地。', '确保优化营商环境重点任务取得成效。', 'Q', 'P', 'zl', ()),
               (None, '时效指标', '在规定时效内完成', '2023年1月—12月', 'D', 'P', 'sx', ()),
               (None, '成本指标', '财政指标预算内完成', '', 'E', 'P', 'cb', ())],
         ind2=[('效益指标', '经济效益', '无直接经济效益', '', 'E', 'B', 'jj', ()),
               (None, '社会效益', '提高群众、企业办事效率', '省时省力、舒心暖心', 'Q', 'B', 'sh', ()),
               (None, '生态效益', '无环境污染', '', 'E', 'B', 'st', ()),
               ('可持续影响', '', '开展优化营商环境工作', '', 'E', 'B', 'kc', ('level1_inferred',)),
               ('服务对象满意度', '', '群众、企业办事满意', '办事便捷', 'Q', 'S', 'my', ('level1_inferred',))],
         review=REVIEW),
    dict(title_raw=TITLE, title=TITLE, name='争资争项招商协调经费', attr=(False, True), dept='县政府办',
         period=('2023.01--2023.12', '2023-01', '2023-12'), lead='柳旭', contact='方小莉', overview='', basis='',
         funds=[('30万元', 30, '65万元', 65)] + EMPTY_FUNDS + [('30万元', 30, '65万元', 65)],
         items_total=('30万元', '65万元', ''),
         items=[('1、争资争项招商协调经费', '争资争项招商协调经费', '30万元', 30, '65万元', 65, ''),
                ('2', None, '', None, '', None, ''), ('3', None, '', None, '', None, '')],
         schedule=[('争资争项招商协调经费', '2023. 01. 01', '2023-01-01', '2023. 12. 31', '2023-12-31')],
         long_goal='', annual_goal='',
         ind1=[('产出指标', '数量指标', '协助争资争项总数量', '35个', 'N = 35 个', 'P', 'sl', ()),
               (None, '质量指标', '协助争取项目比例', '95%', 'N = 95 %', 'P', 'zl', ()),
               (None, '时效指标', '任务完成时间', '2023年12月31日前', 'D', 'P', 'sx', ()),
               (None, '成本指标', '控制在预算内', '≤65万元', 'N <= 65 万元', 'P', 'cb', ())],
         ind2=[('', '社会效益', '促进县域经济发展', '有效促进', 'Q', 'B', 'sh', ('level1_inferred',)),
               ('', '可持续影响', '争取上级项目建设县域经济', '有效促进', 'Q', 'B', 'kc', ('level1_inferred',)),
               ('', '服务对象满意度', '群众满意度', '≥95%', 'N >= 95 %', 'S', 'my', ('level1_inferred',))],
         review=REVIEW),
    dict(title_raw=TITLE, title=TITLE, name='重点工作专题调研、信息综合工作', attr=(True, False), dept='县政府办',
         period=('2023.01--2023.12', '2023-01', '2023-12'), lead='柳旭', contact='方小莉',
         overview='为进一步强化调查研究、信息综合职能，更好地宣传推介湘阴工作。',
         basis='湘阴县人民政府办关于支持增加年度重点工作专题研究、信息综合工作经费的请示',
         funds=[('', None, '20万元', 20)] + EMPTY_FUNDS + [('', None, '20万元', 20)],
         items_total=('', '20万元', ''), items=[('1', None, '', None, '20万元', 20, '')],
         schedule=[('', '2023. 01. 01', '2023-01-01', '2023. 12. 31', '2023-12-31')],
         long_goal='', annual_goal='',
         ind1=[('产出指标', '数量指标', '调研单位数量', '90次', 'N = 90 次', 'P', 'sl', ()),
               (None, '数量指标', '调研专题数量', '6个', 'N = 6 个', 'P', 'sl', ()),
               (None, '质量指标', '调研工作占政府工作比例', '30%', 'N = 30 %', 'P', 'zl', ()),
               (None, '时效指标', '任务完成时间', '2023年1-12月', 'D', 'P', 'sx', ()),
               (None, '成本指标', '控制在预算内', '≤20万元', 'N <= 20 万元', 'P', 'cb', ())],
         ind2=[('', '社会效益', '有效促进社会发展', '促进作用', 'Q', 'B', 'sh', ('level1_inferred',)),
               ('', '可持续影响', '对政府工作影响', '长期有效', 'Q', 'B', 'kc', ('level1_inferred',)),
               ('', '服务对象满意度', '调研对象满意度', '≥95%', 'N >= 95 %', 'S', 'my', ('level1_inferred',))],
         review='同意申报，请严格按照绩效目标组织实施。 2022年11月28日'),
    dict(title_raw=TITLE, title=TITLE, name='政府中心工作经费', attr=(False, True), dept='县政府办',
         period=('2023.01--2023.12', '2023-01', '2023-12'), lead='柳旭', contact='方小莉', overview='', basis='',
         funds=[('95万元', 95, '120万', 120)] + EMPTY_FUNDS + [('95万元', 95, '120万', 120)],
         items_total=('95万元', '120万', ''),
         items=[('1', None, '', None, '', None, ''), ('2', None, '', None, '', None, ''), ('3', None, '', None, '', None, '')],
         schedule=[('政府中心工作经费', '2023. 01. 01', '2023-01-01', '2023. 12. 31', '2023-12-31')],
         long_goal='', annual_goal='',
         ind1=[('产出指标', '数量指标', '发布、办理公文数量', '780件', 'N = 780 件', 'P', 'sl', ()),
               (None, '质量指标', '发布、办理及时率', '≥100%', 'N >= 100 %', 'P', 'zl', ()),
               (None, '时效指标', '任务完成时间', '2023年12月', 'D', 'P', 'sx', ()),
               (None, '成本指标', '控制在预算内', '≤120万元', 'N <= 120 万元', 'P', 'cb', ())],
         ind2=[('', '社会效益', '及时处理政府中心工作', '及时有效', 'Q', 'B', 'sh', ('level1_inferred',)),
               ('', '可持续影响', '促进政府部门运转协调', '长期有效', 'Q', 'B', 'kc', ('level1_inferred',)),
               ('', '服务对象满意度', '各单位满意度', '≥95%', 'N >= 95 %', 'S', 'my', ('level1_inferred',))],
         review='同意申报，请严格按照绩效目标组织实施。 2022年 11 月28 日'),
]


def build(outdir_docx):
    doc = Document(checkbox='sym')
    decls = []
    for f in FORMS:
        if f == 'dept':
            decls.append(dept_form(doc))
        else:
            decls.append(project_form(doc, f))
    doc.write(outdir_docx + '/' + FILE)
    return FILE, document(FILE, decls)
