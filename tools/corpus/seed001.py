"""Seed 001: 衡阳市人民政府办公室, 2020 专项资金绩效目标申报表 — the
medium-term (中长期) and annual (年度) indicator halves side by side, money
as "其中：财政拨款：457.5" inside cells, a vertical 绩效指标 label, literal
☑/□ checkboxes and a 填报人 footer paragraph. Two of the file's sixteen
forms are transcribed here."""
from docxgen import Document, Table, C, M, Cell
from expect import declaration, document, text, empty, amount, fld, indicator, unnumber

FILE = 'seed001-hengyang.docx'
REVIEW = '审核部门（盖章）         \t年   月   日'


def form(doc, f):
    doc.para('专项资金绩效目标申报表', center=True)
    doc.para('（2020年度）', center=True)
    pu = doc.para('填报单位（盖章）\t\t\t\t金额单位：万元\t')
    fields = {'filing_unit': fld(None, '', (None, pu, None), ['empty'])}
    t = doc.table(Table(8))
    ti = t.index
    r = t.row(C('项目名称', 2), C(f['name'], 6))
    fields['project_name'] = text(f['name'], (ti, r, 2))
    r = t.row(C('预算单位', 2), C('衡阳市人民政府办公室', 6))
    fields['department'] = text('衡阳市人民政府办公室', (ti, r, 2))
    types = '产业发展 {OFF}\n民生保障 {OFF}\n基础设施 {OFF}\n其他 {ON}'
    r = t.row(C('项目类型', 2), C(types, 6))
    fields['project_type'] = fld('其他', '产业发展 ☐ 民生保障 ☐ 基础设施 ☐ 其他 ☑', (ti, r, 2))
    t.row(Cell('项目概况', vmerge='restart'), C('中长期规划（名称、文号）'), C('', 6))
    r = t.row(M(), C('资金管理办法（名称、文号）'), C('', 6))
    fields['fund_rules'] = empty((ti, r, 2))
    t.row(M(), C('绩效分配方式'), C('因素法{OFF}  项目法{OFF} 据实据效{OFF}  因素法与项目法相结合{OFF}', 6))
    r = t.row(M(), C('立项依据'), C(f['basis'], 6))
    fields['basis'] = text(f['basis'], (ti, r, 2))
    t.row(M(), C('使用范围'), C('', 6))
    t.row(M(), C('申报（补助）条件'), C('', 6))
    r = t.row(C('项目起止年限', 2), C('', 6))
    fields['period'] = empty((ti, r, 2))
    t.row(Cell('项目资金（万元）', 2, vmerge='restart'), C('中长期资金总额', 3), C('年度资金总额', 3))
    mid, cur = f['money']
    r = t.row(M(2), C(' 其中：财政拨款：%s' % mid, 3), C('其中：财政拨款：%s' % cur, 3))
    funds = {'current_year_total': empty((ti, r, 5)), 'medium_term_total': empty((ti, r, 2))}
    bk = [{'source': 'fiscal_appropriation', 'label': '财政拨款',
           'current_year': amount(cur, float(cur), (ti, r, 5)),
           'medium_term': amount(mid, float(mid), (ti, r, 2))}]
    r = t.row(M(2), C('       其他资金：', 3), C('      其他资金：', 3))
    bk.append({'source': 'other', 'label': '其他资金', 'current_year': empty((ti, r, 5)),
               'medium_term': empty((ti, r, 2))})
    funds['breakdown'] = bk
    t.row(Cell('总体目标', 2, vmerge='restart'), C('中长期目标（2020年-2022年）', 3), C('年度目标', 3))
    r = t.row(M(2), C(f['goals'][0], 3), C(f['goals'][1], 3))
    fields['long_term_goal'] = text(f['goals'][0], (ti, r, 2))
    fields['annual_goal'] = text(f['goals'][1], (ti, r, 5))
    t.row(Cell('绩\n效\n指\n标', vmerge='restart', vertical=True), C('一级指标'), C('二级指标'), C('三级指标'),
          C('指标值'), C('二级指标'), C('三级指标'), C('指标值'))
    inds = []
    rows = f['ind']
    for k, row in enumerate(rows):
        l1, a2, a3, av, b2, b3, bv, sa, sb, e1, ea, eb = row
        nxt = rows[k + 1] if k + 1 < len(rows) else None
        l1c = M() if l1 is None else Cell(l1, vmerge='restart' if nxt and nxt[0] is None else None)
        r = t.row(M(), l1c, C(a2), C(a3), C(av), C(b2), C(b3), C(bv))
        if a3 or av:
            inds.append(indicator('medium_term', e1, ea, unnumber(a3), av, sa, (ti, r, 4 if av else 3)))
        if b3 or bv:
            inds.append(indicator('annual', e1, eb, unnumber(b3), bv, sb, (ti, r, 7 if bv else 6)))
    r = t.row(C('财政部门审核意见', 2), C('\n\n\n' + REVIEW, 6))
    fields['review_opinion'] = text(REVIEW, (ti, r, 2))
    pf = doc.para('填报人：刘璐\t联系电话：8861058\t填报日期：2020年2月10日')
    fields['filled_by'] = text('刘璐', (None, pf, None))
    fields['contact_phone'] = text('8861058', (None, pf, None))
    fields['filled_date'] = fld('2020-02-10', '2020年2月10日', (None, pf, None))
    return declaration('project_expenditure', '专项资金绩效目标申报表', 2020, ti, fields, funds,
                       indicators=inds)


# (l1, l2 medium, l3, value, l2 annual, l3, value, spec medium, spec annual, L1, L2 m, L2 a)
FORMS = [
    dict(name='大院保安转辅警经费', basis='根据市政府办三定方案及市财政局年度批复预算　',
         money=('457.5', '152.5'), goals=('方便群众办事，树立政府良好形象', '保障正常安全工作环境'),
         ind=[('产出指标', '数量指标', '保安转辅警人数', '基本一致，在可控范围内调整', '数量指标', '预计转辅警人数', '30人',
               'Q', 'N = 30 人', 'P', 'sl', 'sl'),
              (None, '质量指标', '执勤率', '达到100%', '质量指标', '人员阶段考核合格率', '合格',
               'N >= 100 %', 'Q', 'P', 'zl', 'zl'),
              (None, '', '', '', '', '执勤率', '100%', 'E', 'N = 100 %', 'P', 'zl', 'zl'),
              (None, '时效指标', '轮班与换班', '轮换班时间差控制在10分钟内', '时效指标', '每轮排班值班时间', '8小时',
               'N <= 10 分钟', 'N = 8 小时', 'P', 'sx', 'sx'),
              (None, '成本指标', '工资', '控制工资总额', '成本指标', '每名辅警的平均月工资数', '不高于3500元',
               'Q', 'N <= 3500 元', 'P', 'cb', 'cb'),
              ('效益指标', '经济效益指标', '大院稳定', '保证大院工作有序开展，提高工作效率', '经济效益指标', '政府机关大院安全',
               '财产物品不丢失不损坏', 'Q', 'Q', 'B', 'jj', 'jj'),
              (None, '社会效益指标', '应急管理', '维护公共秩序，妥善处理各种突发事件', '社会效益指标', '群众办事', '方便快捷',
               'Q', 'Q', 'B', 'sh', 'sh'),
              (None, '生态效益指标', '', '', '生态效益指标', '', '', 'E', 'E', 'B', 'st', 'st'),
              (None, '可持续影响\n指标', '利民与安全', '既方便群众办事，又保障大院安全', '可持续影响\n指标', '利民与安全',
               '既方便群众办事，又保障大院安全', 'Q', 'Q', 'B', 'kc', 'kc'),
              (None, '社会公众或服务对象满意度指标', '政府大院工作人员', '满意', '社会公众或服务对象满意度指标', '政府大院工作人员',
               '基本满意', 'Q', 'Q', 'B', 'my', 'my'),
              (None, '', '社会公众', '满意', '', '社会公众', '基本满意', 'Q', 'Q', 'B', 'my', 'my')]),
    dict(name='　大院维护费、会务中心维护费', basis='举办人大政协会议、政府全会等大型会议及活动，保障政府工作正常运转',
         money=('270', '90'), goals=('提供正常会务环境', '提供正常会务环境'),
         ind=[('产出指标', '数量指标', '面积', '需要维修的区域面积逐年递减', '数量指标', '面积', '会务中心5666平方米，大院67931平方米',
               'Q', 'C', 'P', 'sl', 'sl'),
              (None, '质量指标', '保修期', '3年以上', '质量指标', '保修期', '1年以上', 'N >= 3 年', 'N >= 1 年', 'P', 'zl', 'zl'),
              (None, '时效指标', '维修时间', '最短时间内完成', '时效指标', '维修时间', '不能影响正常工作', 'Q', 'Q', 'P', 'sx', 'sx'),
              (None, '成本指标', '价格', '性价比高', '成本指标', '价格', '多家公司报价，在保障质量的同时选择最低价', 'Q', 'Q', 'P', 'cb', 'cb'),
              ('效益指标', '经济效益指标', '活动', '不出差错', '经济效益指标', '活动', '成功举办全市大型会议和活动3次以上',
               'Q', 'N >= 3 次', 'B', 'jj', 'jj'),
              (None, '社会效益指标', '促进作用', '促进工作高效优质完成', '社会效益指标', '促进作用', '为正常工作和正常会务奠定物质基础',
               'Q', 'Q', 'B', 'sh', 'sh'),
              (None, '生态效益指标', '节约资源', '厉行节约', '生态效益指标', '节约资源', '尽量进行维修，购置率占比少',
               'Q', 'Q', 'B', 'st', 'st'),
              (None, '可持续影响\n指标', '工作环境', '较好', '可持续影响\n指标', '工作环境', '良好', 'Q', 'Q', 'B', 'kc', 'kc'),
              (None, '社会公众或服务对象满意度指标', '政府工作人员', '满意', '社会公众或服务对象满意度指标', '政府工作人员', '满意',
               'Q', 'Q', 'B', 'my', 'my'),
              (None, '', '参会人员', '满意', '', '参会人员', '满意', 'Q', 'Q', 'B', 'my', 'my')]),
]


def build(outdir):
    doc = Document(checkbox='glyph')
    decls = [form(doc, f) for f in FORMS]
    doc.write(outdir + '/' + FILE)
    return FILE, document(FILE, decls)
