"""Variation cases: one small DOCX per construct that stage one must
read — labels split over runs, every checkbox form, tracked changes,
content controls around rows/cells/runs, a nested table, w:gridBefore,
a table without w:tblGrid, a title in a text box (mc:AlternateContent),
and an ordinary letter with no declaration. Each holds the same short
form (seed 000's 争资争项招商协调经费), so one expected shape serves all."""
import re

from docxgen import Document, Table, C, M, Cell
from expect import declaration, document, text, fld, amount, empty, indicator, unnumber, at

TITLE = '2023年度湘阴县人民政府办公室项目支出预算绩效目标申报表'
NAME = '争资争项招商协调经费'
IND = [('产出指标', '数量指标', '协助争资争项总数量', '35个', 'N = 35 个', 'P', 'sl'),
       (None, '质量指标', '协助争取项目比例', '95%', 'N = 95 %', 'P', 'zl'),
       ('效益指标', '社会效益指标', '促进县域经济发展', '有效促进', 'Q', 'B', 'sh')]


def level1_cell(rows, k, **kw):
    """The level-1 cell of indicator row k: None in the data is the
    continuation of a vertical merge; a name restarts one when the next
    row continues it."""
    l1 = rows[k][0]
    nxt = rows[k + 1] if k + 1 < len(rows) else None
    return M() if l1 is None else Cell(l1, vmerge='restart' if nxt and nxt[0] is None else None, **kw)


def mini(doc, name=NAME, label_name='项目名称', title_para=True, grid_before=False, no_grid=False,
         nested=False, row_wrap=None, attr_on=True):
    """Adds the short form; returns (table, expected declaration)."""
    if title_para:
        doc.para(TITLE, center=True)
    gb = 1 if grid_before else 0
    t = doc.table(Table(4 + gb, no_grid=no_grid))
    ti = t.index
    fields = {}
    r = t.row(C(label_name), C(name, 3), grid_before=gb)
    fields['project_name'] = text(re.sub(r'\s+', '', name) if '\u200b' in name else name, (ti, r, 1 + gb))
    attr = '新增项目 %s 延续项目 %s' % ('{OFF}' if attr_on else '{ON}', '{ON}' if attr_on else '{OFF}')
    r = t.row(C('主管部门'), C('县政府办'), C('项目属性'), C(attr), grid_before=gb)
    fields['department'] = text('县政府办', (ti, r, 1 + gb))
    fields['project_attribute'] = fld('continuing' if attr_on else 'new',
                                      attr.replace('{ON}', '☑').replace('{OFF}', '☐'), (ti, r, 3 + gb))
    r = t.row(C('年度资金总额（万元）'), C('65', 3), grid_before=gb)
    funds = {'current_year_total': amount('65', 65, (ti, r, 1 + gb)), 'breakdown': []}
    inds = []
    if nested:
        inner = Table(4)
        inner.row(C('一级指标'), C('二级指标'), C('三级指标'), C('指标值'))
        for l1, l2, l3, val, spec, e1, e2 in IND:
            inner.row(C(l1 or ''), C(l2), C(l3), C(val))
        r = t.row(C('绩效指标'), Cell(span=3, nested=inner))
        for l1, l2, l3, val, spec, e1, e2 in IND:
            inds.append(indicator('annual', e1, e2, l3, val, spec, (ti, r, 1)))
    else:
        t.row(C('一级指标'), C('二级指标'), C('三级指标'), C('指标值'), grid_before=gb)
        for k, (l1, l2, l3, val, spec, e1, e2) in enumerate(IND):
            l1c = level1_cell(IND, k)
            wrap = row_wrap if k == 1 else None
            r = t.row(l1c, C(l2), C(l3), C(val), grid_before=gb, wrap=wrap)
            inds.append(indicator('annual', e1, e2, l3, val, spec, (ti, r, 3 + gb)))
    return t, declaration('project_expenditure', TITLE, 2023, ti, fields, funds, indicators=inds)


def one(outdir, file, doc_kw=None, xml_edit=None, **mini_kw):
    doc = Document(**(doc_kw or {}))
    _, decl = mini(doc, **mini_kw)
    xml = doc.xml()
    if xml_edit:
        xml = xml_edit(xml)
    doc.write(outdir + '/' + file, document_xml=xml)
    return file, document(file, [decl])


def must_replace(xml, old, new):
    if old not in xml:
        raise ValueError('variant edit did not apply: %r' % old[:60])
    return xml.replace(old, new, 1)


def tracked(xml):
    """The name's last word typed as a tracked insertion, a deleted old
    word before it, and a deleted stale indicator row."""
    ins = ('<w:ins w:id="1" w:author="审核" w:date="2022-11-20T10:00:00Z"><w:r><w:t>协调经费</w:t></w:r></w:ins>'
           '<w:del w:id="2" w:author="审核" w:date="2022-11-20T10:00:00Z"><w:r><w:delText>工作经费</w:delText></w:r></w:del>')
    xml = must_replace(xml, '<w:t xml:space="preserve">争资争项招商协调经费</w:t></w:r>',
                       '<w:t xml:space="preserve">争资争项招商</w:t></w:r>' + ins)
    stale = ('<w:tr><w:trPr><w:del w:id="3" w:author="审核" w:date="2022-11-20T10:00:00Z"/></w:trPr>'
             + ''.join('<w:tc><w:tcPr><w:tcW w:w="2350" w:type="dxa"/></w:tcPr><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:tc>' % s
                       for s in ('', '时效指标', '已删除的指标', '2022年12月')) + '</w:tr>')
    i = xml.index('</w:tbl>')
    return xml[:i] + stale + xml[i:]


def sdt_everywhere(xml):
    """A plain-text content control around the department run and a
    cell-level control around the 三级指标 header cell."""
    xml = must_replace(xml, '<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t xml:space="preserve">县政府办</w:t></w:r>',
                       '<w:sdt><w:sdtPr><w:alias w:val="部门"/><w:text/></w:sdtPr><w:sdtContent>'
                       '<w:r><w:t xml:space="preserve">县政府办</w:t></w:r></w:sdtContent></w:sdt>')
    m = re.search(r'<w:tc><w:tcPr>(?:(?!</w:tc>).)*?三级指标(?:(?!</w:tc>).)*?</w:tc>', xml)
    return xml[:m.start()] + '<w:sdt><w:sdtPr/><w:sdtContent>' + m.group(0) + '</w:sdtContent></w:sdt>' + xml[m.end():]


def row_sdt(row):
    return '<w:sdt><w:sdtPr><w:alias w:val="指标行"/></w:sdtPr><w:sdtContent>%s</w:sdtContent></w:sdt>' % row


def textbox_title(xml):
    """The title in a text box: one mc:AlternateContent with the same
    text in its Choice (wps) and Fallback (VML) branches."""
    box = ('<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx '
           'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><w:txbxContent>'
           '<w:p><w:r><w:t>%s</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>'
           '<mc:Fallback><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent>'
           '<w:p><w:r><w:t>%s</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>'
           '</mc:AlternateContent></w:r></w:p>' % (TITLE, TITLE))
    return must_replace(xml, '<w:body>', '<w:body>' + box)


def national(outdir):
    """The newer national template (not among the seeds): the comparison
    sign and the unit in columns of their own, and 成本指标 as a level 1
    with 经济成本指标 under it."""
    file = 'variant-sign-unit-columns.docx'
    doc = Document()
    title = '2024年度项目支出绩效目标表'
    doc.para(title, center=True)
    t = doc.table(Table(6))
    ti = t.index
    fields = {}
    r = t.row(C('项目名称'), C('基层干部培训经费', 5))
    fields['project_name'] = text('基层干部培训经费', (ti, r, 1))
    r = t.row(C('主管部门'), C('县委组织部', 2), C('实施单位'), C('县委党校', 2))
    fields['department'] = text('县委组织部', (ti, r, 1))
    fields['implementing_unit'] = text('县委党校', (ti, r, 4))
    r1 = t.row(Cell('项目资金（万元）', vmerge='restart'), C('年度资金总额'), C('100', 4))
    r2 = t.row(M(), C('其中：财政拨款'), C('80', 4))
    r3 = t.row(M(), C('其他资金'), C('20', 4))
    funds = {'current_year_total': amount('100', 100, (ti, r1, 2)),
             'breakdown': [{'source': 'fiscal_appropriation', 'label': '财政拨款', 'current_year': amount('80', 80, (ti, r2, 2))},
                           {'source': 'other', 'label': '其他资金', 'current_year': amount('20', 20, (ti, r3, 2))}]}
    goal = '全年培训基层干部500人次，提升履职能力。'
    r = t.row(C('年度绩效目标'), C(goal, 5))
    fields['annual_goal'] = text(goal, (ti, r, 1))
    t.row(C('一级指标'), C('二级指标'), C('三级指标'), C('指标性质'), C('指标值'), C('度量单位'))
    rows = [('产出指标', '数量指标', '培训人次', '≥', '500', '人次', 'N >= 500 人次', 'P', 'sl'),
            (None, '质量指标', '培训合格率', '≥', '95', '%', 'N >= 95 %', 'P', 'zl'),
            (None, '时效指标', '培训完成时间', '≤', '2024年12月', '', 'D', 'P', 'sx'),
            ('成本指标', '经济成本指标', '人均培训成本', '≤', '200', '元', 'N <= 200 元', 'C', 'cb'),
            ('效益指标', '社会效益指标', '参训干部履职能力', '定性', '明显提升', '', 'Q', 'B', 'sh'),
            (None, '生态效益指标', '培训场地绿化面积', '≥', '1.5', '平方公里', 'N >= 1.5 平方公里', 'B', 'st'),
            ('满意度指标', '服务对象满意度指标', '参训人员满意度', '≥', '90', '%', 'N >= 90 %', 'S', 'my')]
    inds = []
    for k, (l1, l2, l3, sign, val, unit, spec, e1, e2) in enumerate(rows):
        l1c = level1_cell(rows, k)
        r = t.row(l1c, C(l2), C(l3), C(sign), C(val), C(unit))
        inds.append(indicator('annual', e1, e2, l3, val, spec, (ti, r, 4)))
    doc.write(outdir + '/' + file)
    return file, document(file, [declaration('project_expenditure', title, 2024, ti, fields, funds, indicators=inds)])


def county(outdir):
    """Another county's template (not among the seeds): the title in the
    table's first row, amounts in 元 (金额单位：元, thousands separators),
    主管部门及代码, 项目类别 checkboxes, 项目实施期 written with 至, a
    上年预算数/本年预算数 money block, and indicator values written the
    way other offices write them (不少于, ≦, full-width ％, 左右, 以内,
    a per-unit, a range, a deadline)."""
    file = 'variant-county-template.docx'
    doc = Document()
    title = '2024年度部门项目支出绩效目标申报表'
    pu = doc.para('填报单位：平江县农业农村局\t\t金额单位：元')
    t = doc.table(Table(6))
    ti = t.index
    t.row(C(title, 6))
    fields = {'filing_unit': text('平江县农业农村局', (None, pu, None))}
    r = t.row(C('项目名称'), C('高标准农田建设管护', 5))
    fields['project_name'] = text('高标准农田建设管护', (ti, r, 1))
    r = t.row(C('主管部门及代码'), C('平江县农业农村局（416001）', 5))
    fields['department'] = text('平江县农业农村局（416001）', (ti, r, 1))
    r = t.row(C('实施单位'), C('县农田建设服务中心', 2), C('项目属性'), C('新增 {OFF}  延续 {ON}', 2))
    fields['implementing_unit'] = text('县农田建设服务中心', (ti, r, 1))
    fields['project_attribute'] = fld('continuing', '新增 ☐ 延续 ☑', (ti, r, 4))
    r = t.row(C('项目类别'), C('{ON}常年性项目  {OFF}一次性项目', 5))
    fields['project_type'] = fld('常年性项目', '☑常年性项目 ☐一次性项目', (ti, r, 1))
    r = t.row(C('项目实施期'), C('2024年1月至2024年12月', 5))
    fields['period'] = fld({'start': '2024-01', 'end': '2024-12'}, '2024年1月至2024年12月', (ti, r, 1))
    r = t.row(C('项目负责人'), C('张建国', 2), C('联系电话'), C('0730-6221234', 2))
    fields['project_lead'] = text('张建国', (ti, r, 1))
    fields['contact_phone'] = text('0730-6221234', (ti, r, 4))
    t.row(Cell('项目资金', vmerge='restart'), C('资金来源', 2), C('上年预算数', 1), C('本年预算数', 2))
    money = [('合计', 'total', '1,500,000', 150, '1,250,000', 125),
             ('一般公共预算拨款', 'fiscal_appropriation', '1,000,000', 100, '1,000,000', 100),
             ('政府性基金预算', 'government_fund', '500,000', 50, '250,000', 25)]
    funds = {}
    bk = []
    for label, src, pr, pn, cr, cn in money:
        r = t.row(M(), C(label, 2), C(pr), C(cr, 2))
        e = {'source': src, 'label': label, 'prior_year': amount(pr, pn, (ti, r, 3), ['unit_converted']),
             'current_year': amount(cr, cn, (ti, r, 4), ['unit_converted'])}
        bk.append(e)
        if src == 'total':
            funds['current_year_total'] = e['current_year']
            funds['prior_year_total'] = e['prior_year']
    funds['breakdown'] = bk
    lt = '到2025年，全县高标准农田设施完好率稳定在90%以上。'
    an = '完成3.2万亩高标准农田日常管护，设施完好率不低于90%。'
    r = t.row(C('中期目标'), C(lt, 5))
    fields['long_term_goal'] = text(lt, (ti, r, 1))
    r = t.row(C('年度目标'), C(an, 5))
    fields['annual_goal'] = text(an, (ti, r, 1))
    t.row(C('一级指标'), C('二级指标'), C('三级指标', 2), C('指标值', 2))
    rows = [('产出指标', '数量指标', '1、管护面积', '不少于3.2万亩', 'N >= 3.2 万亩', 'P', 'sl'),
            (None, '质量指标', '2、工程验收合格率', '100％', 'N = 100 %', 'P', 'zl'),
            (None, '时效指标', '3、管护任务完成时间', '2024年12月底前', 'D', 'P', 'sx'),
            (None, '成本指标', '4、亩均管护成本', '≦40元/亩', 'N <= 40 元/亩', 'P', 'cb'),
            ('效益指标', '经济效益', '5、亩均增产', '50公斤左右', 'N ~ 50 公斤', 'B', 'jj'),
            (None, '社会效益', '6、设施损毁率', '控制在5%以内', 'N <= 5 %', 'B', 'sh'),
            (None, '社会效益', '7、技术指导频次', '1-2次/年', 'R 1 2 次/年', 'B', 'sh'),
            (None, '可持续影响', '8、设施长效运行机制', '基本建立', 'Q', 'B', 'kc'),
            ('满意度指标', '服务对象满意度', '9、受益农户满意度', '≥95%', 'N >= 95 %', 'S', 'my')]
    inds = []
    for k, (l1, l2, l3, val, spec, e1, e2) in enumerate(rows):
        l1c = level1_cell(rows, k)
        r = t.row(l1c, C(l2), C(l3, 2), C(val, 2))
        inds.append(indicator('annual', e1, e2, unnumber(l3), val, spec, (ti, r, 4)))
    # expenditure list with its own 合计 row, in the form's 元
    t.row(Cell('支出明细', vmerge='restart'), C('明细项目', 2), C('金额'), C('测算依据', 2))
    t.row(M(), C('合计', 2), C('1,250,000'), C('', 2))
    items = []
    for name, raw, wan, basis in [('管护人员劳务', '900,000', 90, '30人×3万元'),
                                  ('设施维修材料', '350,000', 35, '按上年实际')]:
        r = t.row(M(), C(name, 2), C(raw), C(basis, 2))
        items.append({'name': name, 'current_year': amount(raw, wan, (ti, r, 3), ['unit_converted']),
                      'basis': basis, 'flags': [], 'at': at(ti, r, 1)})
    r = t.row(C('财政核审部门意见'), C('', 5))
    fields['review_opinion'] = empty((ti, r, 1))
    pf = doc.para('填表人：李芳\t联系电话：0730-6225678\t填报日期：2024年1月15日')
    fields['filled_by'] = text('李芳', (None, pf, None))
    fields['filled_date'] = fld('2024-01-15', '2024年1月15日', (None, pf, None))
    # the form's instructions: they name labels but give no values
    doc.para('填表说明：')
    doc.para('绩效管理联络员：填写本单位负责绩效管理的人员。')
    doc.para('项目负责人：填写项目具体负责人。')
    doc.write(outdir + '/' + file)
    return file, document(file, [declaration('project_expenditure', title, 2024, ti, fields, funds, items=items,
                                             indicators=inds)])


def county_multi(outdir):
    """Three forms in one file the way other offices lay them out: each
    table opens with its title row and a 填报单位 line stands before it
    (so that line belongs to the next form, not the one above); the
    first form writes label and value in one cell (项目名称：…) and has
    no level-1 column (level 1 inferred); the third form's title is a
    paragraph again."""
    file = 'variant-county-multi.docx'
    doc = Document()
    decls = []
    # form A: label：value cells, no 一级指标 column
    title = '2024年度项目支出绩效目标表'
    pu = doc.para('填报单位：县交通运输局')
    t = doc.table(Table(4))
    ti = t.index
    t.row(C(title, 4))
    fields = {'filing_unit': text('县交通运输局', (None, pu, None))}
    r = t.row(C('项目名称：乡村道路养护', 4))
    fields['project_name'] = text('乡村道路养护', (ti, r, 0))
    r = t.row(C('主管部门：县交通运输局', 2), C('实施单位：县公路建设养护中心', 2))
    fields['department'] = text('县交通运输局', (ti, r, 0))
    fields['implementing_unit'] = text('县公路建设养护中心', (ti, r, 2))
    r = t.row(C('年度资金总额：45万元', 4))
    funds = {'current_year_total': amount('45万元', 45, (ti, r, 0)), 'breakdown': []}
    goal = '完成农村公路日常养护120公里，路况优良率达到80%。'
    r = t.row(C('年度绩效目标：' + goal, 4))
    fields['annual_goal'] = text(goal, (ti, r, 0))
    t.row(C('二级指标'), C('三级指标'), C('指标值', 2))
    rows = [('数量指标', '养护里程', '120公里', 'N = 120 公里', 'P', 'sl'),
            ('质量指标', '路况优良率', '≥80%', 'N >= 80 %', 'P', 'zl'),
            ('社会效益指标', '群众出行条件', '明显改善', 'Q', 'B', 'sh'),
            ('服务对象满意度指标', '沿线群众满意度', '≥90%', 'N >= 90 %', 'S', 'my')]
    inds = []
    for l2, l3, val, spec, e1, e2 in rows:
        r = t.row(C(l2), C(l3), C(val, 2))
        inds.append(indicator('annual', e1, e2, l3, val, spec, (ti, r, 2), flags=('level1_inferred',)))
    decls.append(declaration('project_expenditure', title, 2024, ti, fields, funds, indicators=inds))
    # form B: a 填报单位 line after form A's table, then a table opening with its title
    title = '2024年度项目支出绩效目标表'
    pu = doc.para('填报单位（盖章）：县水利局\t\t金额单位：万元')
    t = doc.table(Table(4))
    ti = t.index
    t.row(C(title, 4))
    fields = {'filing_unit': text('县水利局', (None, pu, None))}
    r = t.row(C('项目名称'), C('小型水库安全运行管护', 3))
    fields['project_name'] = text('小型水库安全运行管护', (ti, r, 1))
    r = t.row(C('主管部门'), C('县水利局'), C('项目负责人（必填）'), C('刘洋'))
    fields['department'] = text('县水利局', (ti, r, 1))
    fields['project_lead'] = text('刘洋', (ti, r, 3))
    r = t.row(C('年度资金总额'), C('30', 3))
    funds = {'current_year_total': amount('30', 30, (ti, r, 1)), 'breakdown': []}
    t.row(C('一级指标'), C('二级指标'), C('三级指标'), C('指标值'))
    rows = [('产出指标', '数量指标', '管护水库座数', '12座', 'N = 12 座', 'P', 'sl'),
            (None, '时效指标', '汛前检查完成时间', '2024年4月底前', 'D', 'P', 'sx'),
            ('效益指标', '社会效益指标', '水库安全度汛', '确保安全', 'Q', 'B', 'sh'),
            ('满意度指标', '服务对象满意度指标', '下游群众满意度', '≥90%', 'N >= 90 %', 'S', 'my')]
    inds = []
    for k, (l1, l2, l3, val, spec, e1, e2) in enumerate(rows):
        l1c = level1_cell(rows, k)
        r = t.row(l1c, C(l2), C(l3), C(val))
        inds.append(indicator('annual', e1, e2, l3, val, spec, (ti, r, 3)))
    decls.append(declaration('project_expenditure', title, 2024, ti, fields, funds, indicators=inds))
    # form C: the title a paragraph again, the 填报单位 line after it
    title = '2024年度县水利局项目支出绩效目标表'
    doc.para(title, center=True)
    pu = doc.para('填报单位：县水利局')
    t = doc.table(Table(4))
    ti = t.index
    fields = {'filing_unit': text('县水利局', (None, pu, None))}
    r = t.row(C('项目名称'), C('河道保洁', 3))
    fields['project_name'] = text('河道保洁', (ti, r, 1))
    r = t.row(C('年度资金总额'), C('18万元', 3))
    funds = {'current_year_total': amount('18万元', 18, (ti, r, 1)), 'breakdown': []}
    t.row(C('一级指标'), C('二级指标'), C('三级指标'), C('指标值'))
    r = t.row(C('产出指标'), C('数量指标'), C('保洁河道长度'), C('≥35公里'))
    inds = [indicator('annual', 'P', 'sl', '保洁河道长度', '≥35公里', 'N >= 35 公里', (ti, r, 3))]
    r = t.row(C('效益指标'), C('生态效益指标'), C('河面漂浮物清除率'), C('100%'))
    inds.append(indicator('annual', 'B', 'st', '河面漂浮物清除率', '100%', 'N = 100 %', (ti, r, 3)))
    t.row(C('填表说明：项目负责人：填写项目具体负责人。 联系电话：填写手机号码。', 4))
    decls.append(declaration('project_expenditure', title, 2024, ti, fields, funds, indicators=inds))
    doc.write(outdir + '/' + file)
    return file, document(file, decls)


def dept_national(outdir):
    """A 部门整体 form in the national template's shape (not among the
    seeds): 部门（单位）名称, a 年度主要任务 block (任务名称 | 主要内容 |
    责任科室), the year's money as a row of labels with the amounts in
    the row below, head counts with their unit words, and 年度整体支出目标."""
    file = 'variant-dept-national.docx'
    doc = Document()
    title = '2024年度部门整体支出绩效目标申报表'
    doc.para(title, center=True)
    pu = doc.para('填报单位（盖章）：县卫生健康局\t\t\t单位：万元')
    fields = {'filing_unit': text('县卫生健康局', (None, pu, None))}
    t = doc.table(Table(5))
    ti = t.index
    r = t.row(C('部门（单位）名称'), C('县卫生健康局', 4))
    fields['department'] = text('县卫生健康局', (ti, r, 1))
    r = t.row(C('人员编制数'), C('45'), C('实有人数'), C('43人', 2))
    fields['staff_quota'] = fld(45, '45', (ti, r, 1))
    fields['staff_actual'] = fld(43, '43人', (ti, r, 3))
    t.row(Cell('年度预算申请', vmerge='restart'), C('资金总额'), C('财政拨款'), C('其他资金', 2))
    r = t.row(M(), C('2,350.5'), C('2,300.5'), C('50', 2))
    funds = {'current_year_total': amount('2,350.5', 2350.5, (ti, r, 1)),
             'breakdown': [{'source': 'fiscal_appropriation', 'label': '财政拨款',
                            'current_year': amount('2,300.5', 2300.5, (ti, r, 2))},
                           {'source': 'other', 'label': '其他资金', 'current_year': amount('50', 50, (ti, r, 3))}]}
    t.row(Cell('年度主要任务', vmerge='restart'), C('任务名称'), C('主要内容', 2), C('责任科室'))
    plans = []
    for item, goal, owner in [('基本公共卫生服务', '为辖区居民建立健康档案，开展慢性病随访管理。', '公共卫生股'),
                              ('疾病预防控制', '做好传染病监测和免疫规划工作。', '疾控股')]:
        r = t.row(M(), C(item), C(goal, 2), C(owner))
        plans.append({'item': item, 'owner': owner, 'goal': goal, 'flags': [], 'at': at(ti, r, 1)})
    goal = '全面完成基本公共卫生服务各项任务，居民健康水平稳步提高。'
    r = t.row(C('年度整体支出目标'), C(goal, 4))
    fields['annual_goal'] = text(goal, (ti, r, 1))
    t.row(C('一级指标'), C('二级指标'), C('三级指标', 2), C('指标值'))
    rows = [('产出指标', '数量指标', '居民电子健康档案建档率', '≥90%', 'N >= 90 %', 'P', 'sl'),
            (None, '质量指标', '适龄儿童免疫规划疫苗接种率', '>95%', 'N > 95 %', 'P', 'zl'),
            (None, '时效指标', '传染病疫情报告时限', '2小时内', 'N <= 2 小时', 'P', 'sx'),
            ('效益指标', '社会效益指标', '居民健康素养水平', '较上年提高', 'Q', 'B', 'sh'),
            ('满意度指标', '服务对象满意度指标', '群众满意度', '≥85%', 'N >= 85 %', 'S', 'my')]
    inds = []
    for k, (l1, l2, l3, val, spec, e1, e2) in enumerate(rows):
        l1c = level1_cell(rows, k)
        r = t.row(l1c, C(l2), C(l3, 2), C(val))
        inds.append(indicator('annual', e1, e2, l3, val, spec, (ti, r, 4)))
    doc.write(outdir + '/' + file)
    return file, document(file, [declaration('department_overall', title, 2024, ti, fields, funds,
                                             plans=plans, indicators=inds)])


def two_horizons(outdir):
    """One level-3 column with two value columns (中期指标值 | 年度指标值),
    as some provinces draw the side-by-side form, and an expenditure list
    whose amount column is headed 金额（元）."""
    file = 'variant-two-horizons.docx'
    doc = Document()
    title = '2024年度专项资金绩效目标申报表'
    doc.para(title, center=True)
    t = doc.table(Table(5))
    ti = t.index
    fields = {}
    r = t.row(C('项目名称'), C('农村饮水安全巩固提升', 4))
    fields['project_name'] = text('农村饮水安全巩固提升', (ti, r, 1))
    r = t.row(C('项目实施期'), C('2024-2026年', 4))
    fields['period'] = fld({'start': '2024-01', 'end': '2026-12'}, '2024-2026年', (ti, r, 1))
    t.row(Cell('支出明细', vmerge='restart'), C('支出项目'), C('金额（元）'), C('测算依据', 2))
    items = []
    for name, raw, wan, basis in [('管网改造', '800,000', 80, '20公里×4万元/公里'),
                                  ('水质检测', '50,000', 5, '100批次×500元')]:
        r = t.row(M(), C(name), C(raw), C(basis, 2))
        items.append({'name': name, 'current_year': amount(raw, wan, (ti, r, 2), ['unit_converted']),
                      'basis': basis, 'flags': [], 'at': at(ti, r, 1)})
    t.row(C('一级指标'), C('二级指标'), C('三级指标'), C('中期指标值'), C('年度指标值'))
    rows = [('产出指标', '数量指标', '改造供水管网', '≥60公里', 'N >= 60 公里', '≥20公里', 'N >= 20 公里', 'P', 'sl'),
            (None, '质量指标', '水质达标率', '≥95%', 'N >= 95 %', '≥90%', 'N >= 90 %', 'P', 'zl'),
            ('效益指标', '社会效益指标', '受益人口', '3万人', 'N = 3 万人', '1万人', 'N = 1 万人', 'B', 'sh')]
    inds = []
    for k, (l1, l2, l3, mv, ms, av, asp, e1, e2) in enumerate(rows):
        l1c = level1_cell(rows, k)
        r = t.row(l1c, C(l2), C(l3), C(mv), C(av))
        inds.append(indicator('medium_term', e1, e2, l3, mv, ms, (ti, r, 3)))
        inds.append(indicator('annual', e1, e2, l3, av, asp, (ti, r, 4)))
    doc.write(outdir + '/' + file)
    return file, document(file, [declaration('project_expenditure', title, 2024, ti, fields, None,
                                             items=items, indicators=inds)])


def province_b(outdir):
    """A provincial template unlike the seeds: required fields marked
    (*项目名称, 主管部门※), 项目单位 for the unit that
    carries the project out, 申请金额 with 其中 rows for the money,
    总体目标 / 年度目标, a vertical 产出指标 label drawn one character per
    line, a 备注 column after the values, and values written the way
    such forms write them (≥95%（含）, 12月底前, ≥1次/季度, 零事故, 0起)."""
    file = 'variant-province-b.docx'
    doc = Document()
    title = '项目绩效目标申报表（2025年度）'
    doc.para(title, center=True)
    t = doc.table(Table(5))
    ti = t.index
    fields = {}
    r = t.row(C('*项目名称'), C('城区消防安全隐患整治', 4))
    fields['project_name'] = text('城区消防安全隐患整治', (ti, r, 1))
    r = t.row(C('主管部门※'), C('市应急管理局', 2), C('＊项目单位'), C('市消防救援支队'))
    fields['department'] = text('市应急管理局', (ti, r, 1))
    fields['implementing_unit'] = text('市消防救援支队', (ti, r, 4))
    r = t.row(C('项目类别'), C('一次性项目 {OFF}  经常性项目 {ON}', 4))
    fields['project_type'] = fld('经常性项目', '一次性项目 ☐ 经常性项目 ☑', (ti, r, 1))
    r = t.row(C('项目起止时间'), C('2025年1月1日—2025年12月31日', 4))
    fields['period'] = fld({'start': '2025-01-01', 'end': '2025-12-31'}, '2025年1月1日—2025年12月31日', (ti, r, 1))
    r1 = t.row(Cell('资金投入（万元）', vmerge='restart'), C('申请金额'), C('260', 3))
    r2 = t.row(M(), C('其中：财政资金'), C('200', 3))
    r3 = t.row(M(), C('其他资金'), C('60', 3))
    funds = {'current_year_total': amount('260', 260, (ti, r1, 2)),
             'breakdown': [{'source': 'fiscal_appropriation', 'label': '财政资金', 'current_year': amount('200', 200, (ti, r2, 2))},
                           {'source': 'other', 'label': '其他资金', 'current_year': amount('60', 60, (ti, r3, 2))}]}
    lt = '三年内基本消除城区重大火灾隐患。'
    an = '完成城区老旧小区消防设施改造40个，火灾起数同比下降。'
    r = t.row(C('总体目标'), C(lt, 4))
    fields['long_term_goal'] = text(lt, (ti, r, 1))
    r = t.row(C('年度目标'), C(an, 4))
    fields['annual_goal'] = text(an, (ti, r, 1))
    t.row(C('一级指标'), C('二级指标'), C('三级指标'), C('指标值'), C('备注'))
    rows = [('产\n出\n指\n标', '数量指标', '改造老旧小区', '40个', 'N = 40 个', 'P', 'sl', ''),
            (None, '质量指标', '改造工程验收合格率', '≥95%（含）', 'N >= 95 %', 'P', 'zl', '以验收报告为准'),
            (None, '时效指标', '改造完成时间', '12月底前', 'D', 'P', 'sx', ''),
            (None, '数量指标', '消防检查频次', '≥1次/季度', 'N >= 1 次/季度', 'P', 'sl', ''),
            ('效益指标', '社会效益指标', '较大以上火灾事故', '0起', 'N = 0 起', 'B', 'sh', ''),
            (None, '社会效益指标', '安全生产', '零事故', 'Q', 'B', 'sh', ''),
            ('满意度指标', '服务对象满意度指标', '居民满意度', '≥90%', 'N >= 90 %', 'S', 'my', '问卷调查')]
    inds = []
    for k, (l1, l2, l3, val, spec, e1, e2, note) in enumerate(rows):
        l1c = level1_cell(rows, k, vertical=l1 is not None and '\n' in l1)
        r = t.row(l1c, C(l2), C(l3), C(val), C(note))
        inds.append(indicator('annual', e1, e2, l3, val, spec, (ti, r, 3)))
    doc.write(outdir + '/' + file)
    return file, document(file, [declaration('project_expenditure', title, 2025, ti, fields, funds, indicators=inds)])


def continued(outdir):
    """A form continued in further tables, as people make them by hand
    when a form runs onto a second page: a 续表 line and the indicator
    heading repeated; then a third table that repeats the title with
    （续）. One declaration; indicators from all three tables; headings
    in short forms (一级 | 二级 | 三级 | 目标值)."""
    file = 'variant-continued-table.docx'
    doc = Document()
    title = '2024年度项目支出绩效目标申报表'
    doc.para(title, center=True)
    t = doc.table(Table(4))
    ti = t.index
    fields = {}
    r = t.row(C('项目名称'), C('全民健身场地设施建设', 3))
    fields['project_name'] = text('全民健身场地设施建设', (ti, r, 1))
    r = t.row(C('主管部门'), C('县文化旅游广电体育局', 3))
    fields['department'] = text('县文化旅游广电体育局', (ti, r, 1))
    r = t.row(C('年度资金总额'), C('120万元', 3))
    funds = {'current_year_total': amount('120万元', 120, (ti, r, 1)), 'breakdown': []}
    t.row(C('一级'), C('二级'), C('三级'), C('目标值'))
    inds = []
    r = t.row(Cell('产出指标', vmerge='restart'), C('数量指标'), C('新建健身路径'), C('15处'))
    inds.append(indicator('annual', 'P', 'sl', '新建健身路径', '15处', 'N = 15 处', (ti, r, 3)))
    r = t.row(M(), C('质量指标'), C('器材验收合格率'), C('100%'))
    inds.append(indicator('annual', 'P', 'zl', '器材验收合格率', '100%', 'N = 100 %', (ti, r, 3)))
    doc.para('续表')
    t2 = doc.table(Table(4))
    t2.row(C('一级'), C('二级'), C('三级'), C('目标值'))
    r = t2.row(C('产出指标'), C('时效指标'), C('项目完工时间'), C('2024年10月'))
    inds.append(indicator('annual', 'P', 'sx', '项目完工时间', '2024年10月', 'D', (t2.index, r, 3)))
    r = t2.row(C('效益指标'), C('社会效益指标'), C('群众健身参与率'), C('≥40%'))
    inds.append(indicator('annual', 'B', 'sh', '群众健身参与率', '≥40%', 'N >= 40 %', (t2.index, r, 3)))
    t3 = doc.table(Table(4))
    t3.row(C(title + '（续）', 4))
    t3.row(C('一级'), C('二级'), C('三级'), C('目标值'))
    r = t3.row(C('满意度指标'), C('服务对象满意度指标'), C('群众满意度'), C('≥90%'))
    inds.append(indicator('annual', 'S', 'my', '群众满意度', '≥90%', 'N >= 90 %', (t3.index, r, 3)))
    doc.write(outdir + '/' + file)
    return file, document(file, [declaration('project_expenditure', title, 2024, ti, fields, funds, indicators=inds)])


def summary_b(outdir):
    """A 汇总表 from another template: 专项资金名称, a 主管部门 column
    the contract has no key for, 资金总额（元） (so amounts convert), a
    合计 row with its total filled in, and goals in their own columns."""
    file = 'variant-summary-b.docx'
    doc = Document()
    title = '2025年市级专项资金绩效目标汇总表'
    doc.para(title, center=True)
    t = doc.table(Table(6))
    ti = t.index
    t.row(C('序号'), C('专项资金名称'), C('主管部门'), C('资金总额（元）'), C('实施期目标'), C('年度目标'))
    t.row(C(''), C('合计'), C(''), C('3,500,000'), C(''), C(''))
    items = []
    for seq, name, dept, raw, wan, lt, an in [
            ('1', '中小企业发展专项', '市工信局', '2,000,000', 200, '扶持企业200家', '扶持企业80家'),
            ('2', '外贸发展专项', '市商务局', '1,500,000', 150, '新增外贸主体100家', '新增外贸主体30家')]:
        r = t.row(C(seq), C(name), C(dept), C(raw), C(lt), C(an))
        items.append({'seq': seq, 'name': name, 'amount': amount(raw, wan, (ti, r, 3), ['unit_converted']),
                      'long_term_goal': lt, 'annual_goal': an, 'flags': [], 'at': at(ti, r, 0)})
    doc.write(outdir + '/' + file)
    return file, document(file, [declaration('special_fund_summary', title, 2025, ti, {}, summary=items)])


def split_label_cells(outdir):
    """Labels split over two cells (项目 | 名称 | value), as some forms
    draw a narrow label column twice; the block heading 绩效指标 split
    over two rows of the first column."""
    file = 'variant-split-label-cells.docx'
    doc = Document()
    title = '2024年度项目支出绩效目标申报表'
    doc.para(title, center=True)
    t = doc.table(Table(5))
    ti = t.index
    fields = {}
    r = t.row(C('项目'), C('名称'), C('乡村道路养护', 3))
    fields['project_name'] = text('乡村道路养护', (ti, r, 2))
    r = t.row(C('主管'), C('部门'), C('县交通运输局'), C('联系'), C('电话 0731-8888123'))
    fields['department'] = text('县交通运输局', (ti, r, 2))
    fields['contact_phone'] = fld('0731-8888123', '0731-8888123', (ti, r, 4))
    t.row(C('绩效'), C('一级指标'), C('二级指标'), C('三级指标'), C('指标值'))
    r1 = t.row(Cell('指标', vmerge='restart'), C('产出指标'), C('数量指标'), C('养护里程'), C('120公里'))
    r2 = t.row(M(), C('效益指标'), C('社会效益指标'), C('群众出行条件'), C('明显改善'))
    inds = [indicator('annual', 'P', 'sl', '养护里程', '120公里', 'N = 120 公里', (ti, r1, 4)),
            indicator('annual', 'B', 'sh', '群众出行条件', '明显改善', 'Q', (ti, r2, 4))]
    doc.write(outdir + '/' + file)
    return file, document(file, [declaration('project_expenditure', title, 2024, ti, fields, None, indicators=inds)])


def heading_rows(outdir):
    """Indicator levels written as heading rows across the table
    (产出指标 over its rows, 数量指标 under it) instead of in their own
    columns' cells; the level cells of the rows below are blank."""
    file = 'variant-level-heading-rows.docx'
    doc = Document()
    title = '2024年度项目支出绩效目标申报表'
    doc.para(title, center=True)
    t = doc.table(Table(4))
    ti = t.index
    r = t.row(C('项目名称'), C('乡村道路养护', 3))
    fields = {'project_name': text('乡村道路养护', (ti, r, 1))}
    t.row(C('一级指标'), C('二级指标'), C('三级指标'), C('指标值'))
    t.row(C('产出指标', 4))
    t.row(C(''), C('数量指标', 3))
    inds = []
    r = t.row(C(''), C(''), C('①养护里程'), C('120公里'))
    inds.append(indicator('annual', 'P', 'sl', '养护里程', '120公里', 'N = 120 公里', (ti, r, 3)))
    r = t.row(C(''), C(''), C('（二）养护路段'), C('35条'))
    inds.append(indicator('annual', 'P', 'sl', '养护路段', '35条', 'N = 35 条', (ti, r, 3)))
    r = t.row(C(''), C('质量指标'), C('路况优良率'), C('≥80%'))
    inds.append(indicator('annual', 'P', 'zl', '路况优良率', '≥80%', 'N >= 80 %', (ti, r, 3)))
    t.row(C('效益指标', 4))
    r = t.row(C(''), C('社会效益指标'), C('群众出行条件'), C('明显改善'))
    inds.append(indicator('annual', 'B', 'sh', '群众出行条件', '明显改善', 'Q', (ti, r, 3)))
    doc.write(outdir + '/' + file)
    return file, document(file, [declaration('project_expenditure', title, 2024, ti, fields, None, indicators=inds)])


def dept_income(outdir):
    """A 部门整体 form whose money is an income | amount | expenditure |
    amount block (收入合计 and 支出合计 side by side) followed by a
    三公经费 block whose 合计 is the 三公经费 total, not the form's."""
    file = 'variant-dept-income-expenditure.docx'
    doc = Document()
    title = '2024年度部门整体支出绩效目标申报表'
    doc.para(title, center=True)
    t = doc.table(Table(5))
    ti = t.index
    r = t.row(C('部门名称'), C('县农业农村局', 4))
    fields = {'department': text('县农业农村局', (ti, r, 1))}
    t.row(Cell('收支预算（万元）', vmerge='restart'), C('收入'), C('金额'), C('支出'), C('金额'))
    bk = []
    rows = [(('一般公共预算', 'fiscal_appropriation', '500', 500), ('基本支出', 'basic_expenditure', '400', 400)),
            (('政府性基金', 'government_fund', '100', 100), ('项目支出', 'project_expenditure', '200', 200)),
            (('收入合计', 'total', '600', 600), ('支出合计', 'total', '600', 600))]
    for (a, sa, ra, na), (b, sb, rb, nb) in rows:
        r = t.row(M(), C(a), C(ra), C(b), C(rb))
        bk.append({'source': sa, 'label': a, 'current_year': amount(ra, na, (ti, r, 2))})
        bk.append({'source': sb, 'label': b, 'current_year': amount(rb, nb, (ti, r, 4))})
    r = t.row(Cell('三公经费', vmerge='restart'), C('因公出国（境）费'), C('0'), C('公务接待费'), C('2'))
    bk.append({'source': 'three_public', 'label': '因公出国（境）费', 'current_year': amount('0', 0, (ti, r, 2))})
    bk.append({'source': 'three_public', 'label': '公务接待费', 'current_year': amount('2', 2, (ti, r, 4))})
    r = t.row(M(), C('公务用车购置及运行费'), C('8'), C('合计'), C('10'))
    bk.append({'source': 'three_public', 'label': '公务用车购置及运行费', 'current_year': amount('8', 8, (ti, r, 2))})
    bk.append({'source': 'three_public', 'label': '合计', 'current_year': amount('10', 10, (ti, r, 4))})
    t.row(C('一级指标'), C('二级指标'), C('三级指标', 2), C('指标值'))
    r = t.row(C('产出指标'), C('数量指标'), C('高标准农田建设面积', 2), C('≥2万亩'))
    inds = [indicator('annual', 'P', 'sl', '高标准农田建设面积', '≥2万亩', 'N >= 2 万亩', (ti, r, 4))]
    doc.write(outdir + '/' + file)
    return file, document(file, [declaration('department_overall', title, 2024, ti, fields, {'breakdown': bk},
                                             indicators=inds)])


def dept_tasks(outdir):
    """The national 部门整体 template's 年度主要任务 block: a two-row
    heading (预算金额（万元） over 总额 | 财政拨款 | 其他资金), a 金额合计
    row that is not a task, then 年度总体目标 under the block."""
    file = 'variant-dept-tasks-budget.docx'
    doc = Document()
    title = '2024年度部门整体支出绩效目标申报表'
    doc.para(title, center=True)
    t = doc.table(Table(6))
    ti = t.index
    r = t.row(C('部门（单位）名称'), C('县卫生健康局', 5))
    fields = {'department': text('县卫生健康局', (ti, r, 1))}
    t.row(Cell('年度主要任务', vmerge='restart'), Cell('任务名称', vmerge='restart'),
          Cell('主要内容', vmerge='restart'), C('预算金额（万元）', 3))
    t.row(M(), M(), M(), C('总额'), C('财政拨款'), C('其他资金'))
    plans = []
    for item, goal, a, b, c in [('基本公共卫生服务', '建立居民健康档案，开展慢性病随访。', '100', '90', '10'),
                                ('疾病预防控制', '做好免疫规划和传染病监测。', '50', '50', '0')]:
        r = t.row(M(), C(item), C(goal), C(a), C(b), C(c))
        plans.append({'item': item, 'owner': None, 'goal': goal, 'flags': [], 'at': at(ti, r, 1)})
    t.row(M(), C('金额合计'), C(''), C('150'), C('140'), C('10'))
    goal = '居民健康水平稳步提高，重大传染病得到有效控制。'
    r = t.row(C('年度总体目标'), C(goal, 5))
    fields['annual_goal'] = text(goal, (ti, r, 1))
    doc.write(outdir + '/' + file)
    return file, document(file, [declaration('department_overall', title, 2024, ti, fields, None, plans=plans)])


def side_by_side_funds(outdir):
    """Money blocks whose halves stand side by side in the same rows: a
    project form with 中长期资金总额 | value | 年度资金总额 | value and the
    其中 parts below in both halves (each part one breakdown entry with
    its medium-term and current-year amounts), and a 部门整体 form whose
    收入 and 支出 halves each have a 项目 | 金额 pair of columns (the
    halves' 收入合计 / 支出合计 are total entries, not the form's total)."""
    file = 'variant-side-by-side-funds.docx'
    doc = Document()
    decls = []
    title = '2024年度专项资金绩效目标申报表'
    doc.para(title, center=True)
    t = doc.table(Table(5))
    ti = t.index
    r = t.row(C('项目名称'), C('城区道路维修改造', 4))
    fields = {'project_name': text('城区道路维修改造', (ti, r, 1))}
    r = t.row(Cell('项目资金（万元）', vmerge='restart'), C('中长期资金总额'), C('300'), C('年度资金总额'), C('100'))
    funds = {'medium_term_total': amount('300', 300, (ti, r, 2)),
             'current_year_total': amount('100', 100, (ti, r, 4)), 'breakdown': []}
    for label, source, mid, cur in [('其中：财政拨款', 'fiscal_appropriation', '240', '80'),
                                    ('其他资金', 'other', '60', '20')]:
        r = t.row(M(), C(label), C(mid), C(label), C(cur))
        funds['breakdown'].append({'source': source, 'label': label.replace('其中：', ''),
                                   'medium_term': amount(mid, float(mid), (ti, r, 2)),
                                   'current_year': amount(cur, float(cur), (ti, r, 4))})
    t.row(C('一级指标'), C('二级指标'), C('三级指标'), C('指标值', 2))
    rows = [('产出指标', '数量指标', '维修道路长度', '≥12公里', 'N >= 12 公里', 'P', 'sl'),
            ('效益指标', '社会效益指标', '群众出行便利程度', '明显改善', 'Q', 'B', 'sh')]
    inds = []
    for l1, l2, l3, val, spec, e1, e2 in rows:
        r = t.row(C(l1), C(l2), C(l3), C(val, 2))
        inds.append(indicator('annual', e1, e2, l3, val, spec, (ti, r, 3)))
    decls.append(declaration('project_expenditure', title, 2024, ti, fields, funds, indicators=inds))

    title = '2024年度部门整体支出绩效目标申报表'
    doc.para(title, center=True)
    t = doc.table(Table(5))
    ti = t.index
    r = t.row(C('部门名称'), C('县交通运输局', 4))
    fields = {'department': text('县交通运输局', (ti, r, 1))}
    t.row(Cell('年度收支预算（万元）', vmerge='restart'), C('收入', 2), C('支出', 2))
    t.row(M(), C('项目'), C('金额'), C('项目'), C('金额'))
    bk = []
    rows = [(('一般公共预算拨款', 'fiscal_appropriation', '500'), ('基本支出', 'basic_expenditure', '400')),
            (('政府性基金拨款', 'government_fund', '0'), ('项目支出', 'project_expenditure', '200')),
            (('其他资金', 'other', '100'), None),
            (('收入合计', 'total', '600'), ('支出合计', 'total', '600'))]
    for left, right in rows:
        r = t.row(M(), C(left[0]), C(left[2]), C(right[0] if right else ''), C(right[2] if right else ''))
        for half, col in ((left, 2), (right, 4)):
            if half:
                bk.append({'source': half[1], 'label': half[0],
                           'current_year': amount(half[2], float(half[2]), (ti, r, col))})
    t.row(C('一级指标'), C('二级指标'), C('三级指标'), C('指标值', 2))
    r = t.row(C('产出指标'), C('数量指标'), C('养护农村公路里程'), C('≥300公里', 2))
    inds = [indicator('annual', 'P', 'sl', '养护农村公路里程', '≥300公里', 'N >= 300 公里', (ti, r, 3))]
    decls.append(declaration('department_overall', title, 2024, ti, fields, {'breakdown': bk},
                             indicators=inds))
    doc.write(outdir + '/' + file)
    return file, document(file, decls)


def letter(outdir):
    file = 'variant-letter.docx'
    doc = Document()
    doc.para('关于报送2023年度预算绩效目标的通知', center=True)
    doc.para('各乡镇、县直各单位：')
    doc.para('请于2022年11月30日前将本单位项目支出预算绩效目标申报表报送县财政局预算股。联系人如下：')
    t = doc.table(Table(3))
    t.row(C('姓名'), C('科室'), C('联系电话'))
    t.row(C('李明'), C('预算股'), C('2115001'))
    t.row(C('周芳'), C('绩效股'), C('2115002'))
    doc.para('湘阴县财政局')
    doc.para('2022年11月1日')
    doc.write(outdir + '/' + file)
    return file, document(file, [])


def build_all(outdir):
    out = [
        one(outdir, 'variant-split-runs.docx', {'split_runs': True}, label_name='项 目 名 称'),
        one(outdir, 'variant-w14-checkbox.docx', {'checkbox': 'w14'}),
        one(outdir, 'variant-wingdings2-sym.docx', {'checkbox': 'sym2'}, attr_on=False),
        one(outdir, 'variant-formcheckbox.docx', {'checkbox': 'ff'}),
        one(outdir, 'variant-html-checkbox.docx', {'checkbox': 'html'}, attr_on=False),
        one(outdir, 'variant-tracked-changes.docx', xml_edit=tracked),
        one(outdir, 'variant-sdt.docx', xml_edit=sdt_everywhere, row_wrap=row_sdt),
        one(outdir, 'variant-nested-table.docx', nested=True),
        one(outdir, 'variant-grid-before.docx', grid_before=True),
        one(outdir, 'variant-no-tblgrid.docx', no_grid=True),
        one(outdir, 'variant-textbox-title.docx', xml_edit=textbox_title, title_para=False),
        national(outdir),
        county(outdir),
        county_multi(outdir),
        dept_national(outdir),
        two_horizons(outdir),
        province_b(outdir),
        continued(outdir),
        summary_b(outdir),
        split_label_cells(outdir),
        heading_rows(outdir),
        dept_income(outdir),
        dept_tasks(outdir),
        side_by_side_funds(outdir),
        letter(outdir),
    ]
    return out
