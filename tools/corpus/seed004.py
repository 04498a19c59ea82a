"""Seed 004: 永宁县人民政府办公室, 2023 部门项目支出预算绩效目标表 — "指标1:"
prefixes and blank "指标2:" rows, a level 1 truncated to 满意度指, values
as OCR-style LaTeX ($\\geq 95\\%$), "....." filler rows, and the money
block in three layouts (value inline after the label, in the next cell,
after a gap). The original was a PDF; this is its DOCX twin. All nine
forms of the file are here, in its order."""
from docxgen import Document, Table, C, M, Cell
from expect import declaration, document, text, empty, amount, fld, indicator, unnumber

FILE = 'seed004-yongning.docx'
TITLE = '2023年部门项目支出预算绩效目标表'


def form(doc, f):
    colon = f['colon']
    doc.para(TITLE, center=True)
    t = doc.table(Table(6))
    ti = t.index
    fields = {}
    r = t.row(C('项目名称', 2), C(f['name'], 4))
    fields['project_name'] = text(f['name'], (ti, r, 2))
    r = t.row(C('主管部门', 2), C(f['dept']), C('实施单位'), C(f['impl'], 2))
    fields['department'] = text(f['dept'], (ti, r, 2))
    fields['implementing_unit'] = text(f['impl'], (ti, r, 4))
    r = t.row(C('项目属性', 2), C('延续性项目'), C('项目期'), C('2023', 2))
    fields['project_attribute'] = fld('continuing', '延续性项目', (ti, r, 2))
    fields['period'] = fld({'start': '2023-01', 'end': '2023-12'}, '2023', (ti, r, 4))
    amt, lay = f['amount'], f['layout']
    a_raw = amt + ('万' if lay == 'inline' else '')
    hm = '年度资金总额(含本级和市县)' if colon == ':' else '年度资金总额（含本级和市县）'
    hb = '年度资金总额(含本级)' if colon == ':' else '年度资金总额（含本级）'
    fa = '其中%s财政拨款' % colon
    funds = {}
    if lay == 'inline':
        r3 = t.row(Cell('项目资金 (万元)', 2, vmerge='restart'), C(hm), C('%s %s' % (hb, a_raw), 3))
        r4 = t.row(M(2), C(fa), C('%s %s' % (fa, a_raw), 3))
        r5 = t.row(M(2), C('其他资金'), C('其他资金', 3))
        funds['current_year_total'] = amount(a_raw, float(amt), (ti, r3, 3))
        fin = amount(a_raw, float(amt), (ti, r4, 3))
        other = empty((ti, r5, 2))
    elif lay == 'pairs':
        r3 = t.row(Cell('项目资金 (万元)', 2, vmerge='restart'), C(hm), C(hb), C(a_raw, 2))
        r4 = t.row(M(2), C(fa), C(fa), C(a_raw, 2))
        r5 = t.row(M(2), C('其他资金'), C('其他资金'), C('', 2))
        funds['current_year_total'] = amount(a_raw, float(amt), (ti, r3, 4))
        fin = amount(a_raw, float(amt), (ti, r4, 4))
        other = empty((ti, r5, 2))
    else:  # gap: label, empty cell, "label value"
        r3 = t.row(Cell('项目资金 (万元)', 2, vmerge='restart'), C(hm), C(''), C('%s %s' % (hb, a_raw), 2))
        r4 = t.row(M(2), C(fa), C(''), C('%s %s' % (fa, a_raw), 2))
        r5 = t.row(M(2), C('其他资金'), C(''), C('其他资金', 2))
        funds['current_year_total'] = amount(a_raw, float(amt), (ti, r3, 4))
        fin = amount(a_raw, float(amt), (ti, r4, 4))
        other = empty((ti, r5, 3))
    funds['breakdown'] = [{'source': 'fiscal_appropriation', 'label': '财政拨款', 'current_year': fin},
                          {'source': 'other', 'label': '其他资金', 'current_year': other}]
    lt = '年度总体绩效目标(含本级和市县)' if colon == ':' else '年度总体绩效目标（含本级和市县）'
    goal = '年度绩效目标%s%s' % (colon, f['goal'])
    if lay == 'gap':
        r = t.row(C('绩效目标', 2), C(lt), C(''), C(goal, 2))
        fields['long_term_goal'] = empty((ti, r, 3))
        fields['annual_goal'] = text(f['goal'], (ti, r, 4))
    else:
        r = t.row(C('绩效目标', 2), C(lt), C(goal, 3))
        fields['long_term_goal'] = empty((ti, r, 2))
        fields['annual_goal'] = text(f['goal'], (ti, r, 3))
    t.row(Cell('绩效指标', vmerge='restart'), C('一级指标'), C('二级指标'), C('三级指标', 2), C('指标值'))
    inds = []
    rows = f['ind']
    for k, (l1, l2, l3, val, spec, e1, e2) in enumerate(rows):
        nxt = rows[k + 1] if k + 1 < len(rows) else None
        l1c = M() if l1 is None else Cell(l1, vmerge='restart' if nxt and nxt[0] is None else None)
        l2c = M() if l2 is None else Cell(l2, vmerge='restart' if nxt and nxt[1] is None else None)
        r = t.row(M(), l1c, l2c, C(l3, 2), C(val))
        if spec is None:
            continue  # a blank "指标2:" row or filler: no indicator
        inds.append(indicator('annual', e1, e2, unnumber(l3), val, spec, (ti, r, 5 if val else 3)))
    return declaration('project_expenditure', TITLE, 2023, ti, fields, funds, indicators=inds)


def blanks(l2, colon, n=2, start=1):
    """Rows "指标k:" with nothing after them (dropped from the output)."""
    return [(None, l2 if i == 0 else None, '指标%d%s' % (start + i, colon), '', None, None, None)
            for i in range(n)]


FORMS = [
    dict(name='督办工作经费', dept='永宁县人民政府办公室', impl='政府督查室', amount='20', layout='inline', colon=':',
         goal='根据永政办发[2014]131号三定方案《永宁县人民政府办公室主要职责岗位设置和人员编制规定》的通知文件,围绕政府重大决策和重要部署定期组织督查,重点工程跟踪督查。办理人大议案、意见建议21件,政协提案、意见建议20件。对全面推进全县经济建设和社会各项事业的发展发挥了重要作用。',
         ind=[('产出指标', '数量指标', '指标1: 全年办理各项督查100余次;', '100次', 'N = 100 次', 'P', 'sl'),
              (None, None, '指标2: 编发《督办通知单》30期;', '30期', 'N = 30 期', 'P', 'sl'),
              (None, None, '指标3: 督察督办通报12期;', '12期', 'N = 12 期', 'P', 'sl'),
              (None, None, '指标4: 督促办理区人大政协提案意见建议', '41件', 'N = 41 件', 'P', 'sl'),
              (None, None, '指标5: 全年共计接待外国香港代表团等外事活动', '8批次', 'N = 8 批次', 'P', 'sl'),
              (None, '质量指标', '指标1: 督查督办案件办结完成情况', '逐步提升', 'Q', 'P', 'zl'),
              (None, None, '指标2: 外事联络接待工作', '逐步完善', 'Q', 'P', 'zl'),
              (None, None, '', '', None, None, None),
              (None, '时效指标', '指标1: 重点事项督查', '限时完成', 'Q', 'P', 'sx'),
              (None, None, '指标2:', '', None, None, None),
              (None, '成本指标', '指标1: 督查督办及组织人大代表、政协委员视察工作经费20万元', '20万元', 'N = 20 万元', 'P', 'cb')]
         + [(None, None, '指标2:', '', None, None, None), (None, None, '指标3:', '', None, None, None)]
         + [('效益指标', '经济效益指标', '指标1:', '', None, None, None), (None, None, '指标2:', '', None, None, None),
            (None, '社会效益指标', '指标1: 得到区人大政协和代表委员的充分肯定,有效促进各项工作的落实,全面推进经济和社会各项事业的发展发挥了重要作用', '有所提升', 'Q', 'B', 'sh'),
            (None, None, '指标2:', '', None, None, None)]
         + blanks('生态效益指标', ':')
         + [(None, '可持续影响指标', '指标1: 展示永宁县整体形象提升我县知名度,充分发挥对外宣传永宁的作用', '进一步', 'Q', 'B', 'kc'),
            (None, None, '指标2:', '', None, None, None), (None, None, '', '', None, None, None),
            ('满意度指', '服务对象满意度指标', '指标1: 领导满意、人大代表、政协委员满意', '≥95%', 'N >= 95 %', 'S', 'my'),
            (None, None, '指标2: 领导满意、接待对象满意', '≥95%', 'N >= 95 %', 'S', 'my'),
            (None, None, '', '', None, None, None)]),
    dict(name='观摩考察经费', dept='永宁县人民政府办公室', impl='办公室（观摩考察）', amount='15', layout='pairs', colon='：',
         goal='根据永政办发[2014]131号三定方案《永宁县人民政府办公室主要职责岗位设置和人员编制规定》的通知文件，接待国家、自治区、银川市领导、有关县区参观考察观摩我县经济社会发展。外出观摩、考察、培训学习借鉴经验。组织县人大代表和政协委员视察重点项目、重点工作、议案、提案办理情况。充分发挥了对外宣传永宁的作用，展示永宁县社会经济风貌。',
         ind=[('产出指标', '数量指标', '指标1：接待国家、自治区、银川市领导、有关县区参观考察观摩我县经济社会发展', '100余次', 'N ~ 100 次', 'P', 'sl'),
              (None, None, '指标2：外出观摩、考察、培训学习', '30余次', 'N ~ 30 次', 'P', 'sl'),
              (None, None, '', '', None, None, None),
              (None, '质量指标', '指标1：全面完成考核指标', '100%', 'N = 100 %', 'P', 'zl'),
              (None, None, '指标2：', '', None, None, None), (None, None, '', '', None, None, None),
              (None, '时效指标', '指标1：按照财政项目预算安排，本年度完成', '按时完成', 'Q', 'P', 'sx'),
              (None, None, '指标2：', '', None, None, None),
              (None, '成本指标', '指标1：全年外出考察、招商引资、培训学习经费10万元。', '10万元', 'N = 10 万元', 'P', 'cb'),
              (None, None, '指标2：调研、视察、督查、观摩经费5万元', '5万元', 'N = 5 万元', 'P', 'cb'),
              (None, None, '', '', None, None, None),
              ('效益指标', '经济效益指标', '指标1：通过观摩考察，促进永宁县经济发展', '', 'E', 'B', 'jj'),
              (None, None, '指标2：', '', None, None, None),
              (None, '社会效益指标', '指标1：对外宣传永宁的作用，展示永宁县社会经济风貌', '有所提升', 'Q', 'B', 'sh'),
              (None, None, '指标2：', '', None, None, None)]
         + blanks('生态效益指标', '：')
         + [(None, '可持续影响指标', '指标1：扩大影响，提高社会认知度，丰富调研、观摩、督查内容，提升人员素质，加大培训力度。使外出考察，招商引资，落到实处', '进一步发展', 'Q', 'B', 'kc'),
            (None, None, '指标2：', '', None, None, None),
            ('.....', '', '', '', None, None, None),
            ('满意度指标', '服务对象满意度指标', '指标1：政府领导满意，各办公室领导满意，机关工作人员满意', '≥95%', 'N >= 95 %', 'S', 'my'),
            (None, None, '指标2：', '', None, None, None), (None, None, '', '', None, None, None)]),
    dict(name='综合业务费', dept='永宁县政府办公室', impl='办公室（综合业务）', amount='60', layout='gap', colon='：',
         goal='根据永政办发[2014]131号三定方案《永宁县人民政府办公室主要职责岗位设置和人员编制规定》的通知文件，组织办文办会、政府公文、会议决定事项、重要工作部署贯彻落实跟踪调研，充分发挥政府办公室“总调度”和“中转站”作用，做好下情上报、上情下达工作。协调好各方关系，促进政府部门之间形成整体合力，较好地完成任务。承接公务活动，展示永宁经济发展风貌',
         ind=[('产出指标', '数量指标', '指标1：每年一次全县工作大会', '1次', 'N = 1 次', 'P', 'sl'),
              (None, None, '指标2：承办各类大小会议100余次', '100余次', 'N ~ 100 次', 'P', 'sl'),
              (None, None, '指标3：其他公务活动50余次', '50余次', 'N ~ 50 次', 'P', 'sl'),
              (None, '质量指标', '指标1：组织办文办会及其他日常事务性工作合格率', '$\\geq 95\\%$', 'N >= 95 %', 'P', 'zl'),
              (None, None, '指标2：', '', None, None, None),
              (None, '时效指标', '指标1：严格按照每项工作安排完成的时间', '$\\geq 90\\%$', 'N >= 90 %', 'P', 'sx'),
              (None, None, '指标2：', '', None, None, None),
              (None, '成本指标', '指标1：全县工作大会经费及各类大小会议经费20万。', '10万元', 'N = 10 万元', 'P', 'cb'),
              (None, None, '指标2：政府公务培训、差旅费、重大政务活动宣传费等日常事务性工作经费20万', '20万元', 'N = 20 万元', 'P', 'cb'),
              (None, None, '指标3：聘用人员3名工资15万', '15万元', 'N = 15 万元', 'P', 'cb'),
              (None, None, '指标4：政府系统文秘人员学习贯彻党的二十大精神暨理论素养强化提升培训班培训费21万。', '15万', 'N = 15 万', 'P', 'cb'),
              ('效益指标', '经济效益指标', '指标1：', '', None, None, None), (None, None, '指标2：', '', None, None, None),
              (None, '社会效益指标', '指标1：贯彻区市党委政府会议精神，宣传落实区市党委政策精神，各级部门及时了解相关政策精神。', '有所提升', 'Q', 'B', 'sh'),
              (None, None, '指标2：', '', None, None, None)]
         + blanks('生态效益指标', '：')
         + [(None, '可持续影响指标', '指标1：全面提升服务质量，完善工作纪律，优化服务环境，做好上下级协调服务工作。', '进一步发展', 'Q', 'B', 'kc'),
            (None, None, '指标2：', '', None, None, None),
            ('满意度指标', '服务对象满意度指标', '指标1：政府领导满意，各办公室领导满意，机关工作人员满意。', '$\\geq 95\\%$', 'N >= 95 %', 'S', 'my'),
            (None, None, '指标2：', '', None, None, None), (None, None, '……', '', None, None, None)]),
    dict(name='信访工作经费', dept='永宁县政府办公室', impl='信访局', amount='100', layout='pairs', colon=':',
         goal='依据信访工作实际情况,接待受理群众来访来信,化解信访疑难案件,重要节假日及日常到北京、区、市维稳接访,为做好信访工作,聘请律师事务所律师和维持信访接待场所秩序安保人员。提高信访接待质量,共同维护社会治安稳定。',
         ind=[('产出指标', '数量指标', '指标1:接待个人来信来访313批,374人次', '313批/374人次', 'C', 'P', 'sl'),
              (None, None, '指标2:接待集体上访63批,1050人次。', '63批/1050人次', 'C', 'P', 'sl'),
              (None, None, '指标3:信访业务培训10次,40余人', '10次/40余人', 'C', 'P', 'sl'),
              (None, None, '指标4:召开信访会议9次', '9次', 'N = 9 次', 'P', 'sl'),
              (None, None, '指标5:受理办理信访案件35件', '35件', 'N = 35 件', 'P', 'sl'),
              (None, '质量指标', '指标1:信访案件化解率', '≥90%', 'N >= 90 %', 'P', 'zl'),
              (None, None, '指标2:信访案件办结率', '≥91%', 'N >= 91 %', 'P', 'zl'),
              (None, None, '', '', None, None, None),
              (None, '时效指标', '指标1:信访案件在规定时间内', '办结', 'Q', 'P', 'sx'),
              (None, None, '指标2:', '', None, None, None),
              (None, '成本指标', '指标1:办公经费60万', '40万元', 'N = 40 万元', 'P', 'cb'),
              (None, None, '指标2:律师服务费10万', '10万元', 'N = 10 万元', 'P', 'cb'),
              (None, None, '指标3:保安服务费20万', '20万元', 'N = 20 万元', 'P', 'cb'),
              (None, None, '指标4:信访业务培训、信访宣传费用20万', '20万元', 'N = 20 万元', 'P', 'cb'),
              (None, None, '指标5:北京两会、区市接访费10万', '10万元', 'N = 10 万元', 'P', 'cb'),
              ('效益指标', '经济效益指标', '指标1:', '', None, None, None), (None, None, '指标2:', '', None, None, None),
              (None, '社会效益指标', '指标1:维护稳定社会秩序,减少人民群众来信来电集体上访次数。', '有所下降', 'Q', 'B', 'sh'),
              (None, None, '指标2:', '', None, None, None)]
         + blanks('生态效益指标', ':')
         + [(None, '可持续影响指标', '指标1:进一步维护社会和谐稳定,化解人民群众矛盾。', '进一步发展', 'Q', 'B', 'kc'),
            (None, None, '指标2:', '', None, None, None), (None, None, '', '', None, None, None),
            ('满意度指标', '服务对象满意度指标', '指标1:得到人民群众满意,各级部门满意。', '≥95%', 'N >= 95 %', 'S', 'my'),
            (None, None, '指标2:', '', None, None, None), (None, None, '', '', None, None, None)]),
]


def tail(colon, social, sustain, sat, econ=None, filler=False):
    """The 效益 and 满意度 part shared by these forms: (l3, value, spec)."""
    c = colon
    rows = []
    if econ:
        rows.append(('效益指标', '经济效益指标', '指标1%s%s' % (c, econ[0]), econ[1], econ[2], 'B', 'jj'))
        rows.append((None, None, '指标2%s' % c, '', None, None, None))
    else:
        rows += [('效益指标', '经济效益指标', '指标1%s' % c, '', None, None, None), (None, None, '指标2%s' % c, '', None, None, None)]
    rows.append((None, '社会效益指标', '指标1%s%s' % (c, social[0]), social[1], social[2], 'B', 'sh'))
    rows.append((None, None, '指标2%s' % c, '', None, None, None))
    rows += blanks('生态效益指标', c)
    rows.append((None, '可持续影响指标', '指标1%s%s' % (c, sustain[0]), sustain[1], sustain[2], 'B', 'kc'))
    rows.append((None, None, '指标2%s' % c, '', None, None, None))
    rows.append(('.....', '', '', '', None, None, None) if filler else (None, None, '', '', None, None, None))
    for k, (l3, val, spec) in enumerate(sat):
        rows.append(('满意度指标' if k == 0 else None, '服务对象满意度指标' if k == 0 else None,
                     '指标%d%s%s' % (k + 1, c, l3), val, spec, 'S' if spec else None, 'my' if spec else None))
    rows.append((None, None, '', '', None, None, None))
    return rows


PUBLIC_GOAL = ('按照国办发<2019>54号文件精神,依据《政务公开条例规定》,全面提升全区基层政务公开标准化规范化水平,坚持标准引领、坚持需求导向。'
               '坚持依法依规、坚持改革创新,全面推进基层政务决策公开、执行公开、管理公开、服务公开、结果公开,推动基层政务公开全覆盖,'
               '让公开成为自觉、透明成为常态,依法保障人民群众知情权、参与权、表达权、监督权。')
PUBLIC_HEAD = [('产出指标', '数量指标', '指标1:制作“政府开放日”活动展板、条幅、户外广告牌', '每年2-3次,每次24块', 'C', 'P', 'sl'),
               (None, None, '指标2:刊印《政府公报》', '6期,每期500本', 'C', 'P', 'sl'),
               (None, None, '指标3:规范性文件、政策性文件规范性图解', '达到100%', 'N >= 100 %', 'P', 'sl'),
               (None, None, '指标4:组织政务公开培训', '每年一次,每次3天', 'N = 3 天', 'P', 'sl'),
               (None, None, '', '', None, None, None),
               (None, '质量指标', '指标1:基层政务公开工作机制健全完善率', '≥90%', 'N >= 90 %', 'P', 'zl'),
               (None, None, '指标2:政务公开能力和水平提升率', '≥92%', 'N >= 92 %', 'P', 'zl'),
               (None, None, '', '', None, None, None),
               (None, '时效指标', '指标1:2023年年底,基本建成全区统一的基层政务公开标准体系', '≥93%', 'N >= 93 %', 'P', 'sx'),
               (None, None, '指标2:', '', None, None, None)]
PUBLIC_TAIL = tail(':', ('推动政府开放,促进政府透明,让市民走进政府、让公众靠近机关,了解政府运行,监督政府工作。', '有所提升', 'Q'),
                   ('增进人民群众对政府工作的认同和支持。', '进一步发展', 'Q'),
                   [('人民群众满意', '≥95%', 'N >= 95 %'), ('领导满意、接待对象满意', '≥95%', 'N >= 95 %')])

FORMS += [
    dict(name='政府值班室值班工作经费', dept='永宁县政府办公室', impl='政府值班室', amount='10', layout='pairs', colon=':',
         goal='根据《永宁县突发公共事件总体应急预案》,切实规范政府值班和应急处置工作,进一步加强政府应急管理,提高工作水平,及时接受整理、汇总分析和报告特别重大、重大、较大突发公共事件和社会影响较大、敏感性强的突发公共事件信息。',
         ind=[('产出指标', '数量指标', '指标1:向区市政府报送应急信息', '45余条', 'N ~ 45 条', 'P', 'sl'),
              (None, None, '指标2:安排领导及工作人员24小时值班制度', '24小时', 'N = 24 小时', 'P', 'sl'),
              (None, None, '', '', None, None, None),
              (None, '质量指标', '指标1:及时准确上报突发事件信息', '及时上报', 'Q', 'P', 'zl'),
              (None, None, '指标2:', '', None, None, None), (None, None, '', '', None, None, None),
              (None, '时效指标', '指标1:重大事项及时向区市汇报信息', '1小时内', 'N <= 1 小时', 'P', 'sx'),
              (None, None, '指标2:', '', None, None, None),
              (None, '成本指标', '指标1:视频点名平台系统维护经费4万元', '4万元', 'N = 4 万元', 'P', 'cb'),
              (None, None, '指标2:值班设备维修购置费3万元', '3万元', 'N = 3 万元', 'P', 'cb'),
              (None, None, '指标3:人员值班生活保障', '3万元', 'N = 3 万元', 'P', 'cb')]
         + tail(':', ('及时有效处置各类突发公共事件,控制事态发展', '做出处理', 'Q'),
                ('及时有效处置各类突发公共事件,保持稳定秩序发展', '进一步加强', 'Q'),
                [('本级及上级部门领导满意', '≥95%', 'N >= 95 %'), ('', '', None)], filler=True)),
    dict(name='政务公开工作经费', dept='永宁县政府办公室', impl='政务公开办公室', amount='5', layout='gap', colon=':',
         goal=PUBLIC_GOAL,
         ind=PUBLIC_HEAD + [(None, '成本指标', '指标1:刊印《政府公报》3万', '3万元', 'N = 3 万元', 'P', 'cb'),
                            (None, None, '指标2:制作政策解读图解2万', '2万元', 'N = 2 万元', 'P', 'cb'),
                            (None, None, '', '', None, None, None)] + PUBLIC_TAIL),
    dict(name='政府网站工作经费', dept='永宁县政府办公室', impl='政府网站办公室', amount='10', layout='gap', colon=':',
         goal='按照《国务院办公厅关于印发政府网站发展指引的通知》及相关法规政策,加强政府网站建设和管理,不断完善和优化网站栏目功能,提升政府网站信息发布、解读回应、办事服务、互动交流、网上政务、引导舆论等能力和水平,确保网站正常、高效运行,为转变政府职能、提高管理和服务效能发挥积极作用。',
         ind=[('产出指标', '数量指标', '指标1:建设政府网站移动化云适配系统。', '1套', 'N = 1 套', 'P', 'sl'),
              (None, None, '指标2:每月对网站发布内容、外链等进行全面扫描监测。', '12个月', 'N = 12 个月', 'P', 'sl'),
              (None, None, '指标3:按要求对网站7大板块页面及政务公开栏目及子栏目进行优化改造。', '8个页面+100多栏目', 'C', 'P', 'sl'),
              (None, None, '指标4:按要求建设政务微信公众号', '1个平台', 'N = 1 个', 'P', 'sl'),
              (None, None, '指标5:对网站按年进行维护,提供无障碍浏览', '12个月', 'N = 12 个月', 'P', 'sl'),
              (None, '质量指标', '指标1:提高政务管理和服务效能。', '不断提升', 'Q', 'P', 'zl'),
              (None, None, '指标2:', '', None, None, None), (None, None, '', '', None, None, None),
              (None, '时效指标', '指标1:网站栏目更新情况', '及时更新', 'Q', 'P', 'sx'),
              (None, None, '指标2:', '', None, None, None),
              (None, '成本指标', '指标1:网站运行维护费5万', '5万元', 'N = 5 万元', 'P', 'cb'),
              (None, None, '指标2:政府网站移动适配化经费3万', '3万元', 'N = 3 万元', 'P', 'cb'),
              (None, None, '指标3:政务公开频道及网页改造费2万', '2万元', 'N = 2 万元', 'P', 'cb')]
         + tail(':', ('积极发挥永宁县政务公开网、政务微博网、新闻媒体等信息公开平台和渠道作用,进一步加强民主政府建设,提高政府公信力。', '有所提升', 'Q'),
                ('系统正常使用年限', '≥8年', 'N >= 8 年'), [('使用工作人员、群众满意', '≥95%', 'N >= 95 %'), ('', '', None)])),
    dict(name='驻村队员补贴', dept='永宁县政府办公室', impl='办公室', amount='3', layout='pairs', colon=':',
         goal='为贯彻落实党中央和区市县党委决策部署,实现巩固拓展脱贫攻坚成果与乡村振兴有效衔接,根据自治区《关于向重点乡村持续选派第一书记和工作队的实施意见》(宁党厅字〔2021〕18号)和银川市《关于向重点乡村持续选派第一书记和工作队的通知》(银党办〔2021〕62号),建强村党组织,推进强村富民,提升治理水平,不断增强人民群众幸福感、获得感、安全感。',
         ind=[('产出指标', '数量指标', '指标1: 选派一名党员干部担任第一书记', '1名', 'N = 1 名', 'P', 'sl'),
              (None, None, '指标2: 严格遵守每月驻村时间', '≥20天', 'N >= 20 天', 'P', 'sl'),
              (None, None, '', '', None, None, None),
              (None, '质量指标', '指标1: 选派优秀负责党员干部担任', '优秀党员', 'Q', 'P', 'zl'),
              (None, None, '指标2: 压实干部责任,加强监督考核,保证政策落到实处', '加强监督', 'Q', 'P', 'zl'),
              (None, None, '', '', None, None, None),
              (None, '时效指标', '指标1: 保证不脱岗,按照规定长期服务', '长期驻村', 'Q', 'P', 'sx'),
              (None, None, '指标2:', '', None, None, None),
              (None, '成本指标', '指标1: 每日发放伙食补助100元', '2.88万元', 'N = 2.88 万元', 'P', 'cb'),
              (None, None, '指标2: 每月发放100元通信补贴', '0.12万元', 'N = 0.12 万元', 'P', 'cb')]
         + tail(':', (' 实现巩固拓展脱贫攻坚成果同乡村振兴有效衔接', '有效衔接', 'Q'),
                (' 驻守选派地不脱岗,协调做好帮扶工作,不断增强人民群众幸福感、获得感、安全感。', '进一步提升', 'Q'),
                [(' 人民群众满意', '≥95%', 'N >= 95 %'), ('', '', None)],
                econ=(' 推进强村富民,促进农民增收致富', '提高收入', 'Q'), filler=True)),
    dict(name='村务公开工作经费', dept='永宁县政府办公室', impl='政务公开办公室', amount='10', layout='gap', colon=':',
         goal=PUBLIC_GOAL,
         ind=PUBLIC_HEAD + [(None, '成本指标', '指标1:信息查阅点建设6万元,', '6万元', 'N = 6 万元', 'P', 'cb'),
                            (None, None, '指标2:开发微信小程序2万元,', '2万元', 'N = 2 万元', 'P', 'cb'),
                            (None, None, '指标3:宣传品制作印刷及更换村务公开宣传栏2万元。', '2万元', 'N = 2 万元', 'P', 'cb')]
         + PUBLIC_TAIL),
]


def build(outdir):
    doc = Document(checkbox='glyph', split_runs=True)
    decls = [form(doc, f) for f in FORMS]
    doc.write(outdir + '/' + FILE)
    return FILE, document(FILE, decls)
