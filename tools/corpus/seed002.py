"""Seed 002: 衡东县政府办, 2023 项目支出预算绩效目标申报表 — one long form
with a 绩效标准 column, 上级资金 by level written as "中央：省级：市级："
in one cell, a level-1 column whose 产出指标 merge runs over the 效益
rows (level 1 wrong there), and a footer with empty labels."""
from docxgen import Document, Table, C, M, Cell
from expect import declaration, document, text, empty, amount, fld, indicator, unnumber

FILE = 'seed002-hengdong.docx'
GOAL = '确保县政府的各项工作协调落实到位，为县政府的各项工作推动服好务。　'

# (level2 cell or None for merged, level3, value, standard, value spec, L2 code)
OUTPUT = [
    ('数量指标', '应急处理经费', '1-2次/年', '及时处理', 'R 1 2 次/年', 'sl'),
    (None, '为民办实事', '15-20项/年', '按时落实到位', 'R 15 20 项/年', 'sl'),
    (None, '企业改制', '1-2个/年', '年度内完成改制及改制后服务工作', 'R 1 2 个/年', 'sl'),
    (None, '保卫科维稳', '常态化', '及时处理', 'Q', 'sl'),
    (None, '衡东政务报、湖南年鉴、衡阳年鉴', '3份/年', '年度内订阅完成', 'N = 3 份/年', 'sl'),
    (None, '视频会议系统维护', '2-4次/年', '及时维护', 'R 2 4 次/年', 'sl'),
    (None, '人大、政协“两案”办理', '150-400件/年', '按时落实到位', 'R 150 400 件/年', 'sl'),
    (None, '金融办工作', '打击和防范非法集资宣传印刷及宣传用品1万份/年,媒体宣传3次/年,LED广告车流动宣传6小时/天；政银企对接活动2次/年。',
     '年度内完成不同形式宣传及政银企对接', 'C', 'sl'),
    (None, '政务督查工作', '2000次/年', '日常', 'N = 2000 次/年', 'sl'),
    (None, '绿色发展事务中心工作经费', '生态环境督查、宣传、治理', '日常', 'Q', 'sl'),
    (None, '优化营商环境工作经费', '营商环境督查', '日常', 'Q', 'sl'),
    (None, '社区戒毒社区康复人员帮扶管控', '按当年度实际帮扶管控人数，约400人', '', 'N ~ 400 人', 'sl'),
    (None, '禁毒主题宣传', '禁毒宣传资料约10万份，禁毒宣传用品约10万份，禁毒宣传活动40余场次，禁毒短信、e信约10万条', '', 'C', 'sl'),
    (None, '毛发毒品检测', '检测吸毒人员约3500人次，特殊车辆驾驶员约600人次', '', 'C', 'sl'),
    (None, '禁毒奖励', '先进奖励约40个，涉毒举报奖励按实际情况', '', 'N ~ 40 个', 'sl'),
    (None, '禁毒基础设施建设', '无毒创建。重点打造2个无毒乡镇、1个无毒村、1个无毒学校', '', 'C', 'sl'),
    (None, '特殊病收治', '按实际查处人数', '', 'Q', 'sl'),
    (None, '污水毒品成分监测', '一季度一次，不定时抽检每季度约10次', '', 'N ~ 10 次', 'sl'),
    ('质量指标', '突发事件应急物资储备到位率', '100%', '', 'N = 100 %', 'zl'),
    (None, '农改厕、住房改造、棚户改造、农村安全饮水、残疾人补贴、妇女补贴等项目，人民群众满意率', '≧90%', '', 'N >= 90 %', 'zl'),
    (None, '企业改制及改制后企业管理服务满意率', '≧90%', '', 'N >= 90 %', 'zl'),
    (None, '协助机关大院门卫室,承担县政府(办)维稳工作', '100%', '', 'N = 100 %', 'zl'),
    (None, '年度报刊订阅工作完成率', '100%', '', 'N = 100 %', 'zl'),
    (None, '视频会议系统维护验收合格率', '100%', '', 'N = 100 %', 'zl'),
    (None, '提案办理群众满意率', '100%', '', 'N = 100 %', 'zl'),
    (None, '防范非法集资宣传知晓率及银企服务满意率', '≧90%', '', 'N >= 90 %', 'zl'),
    (None, '政务督查落实率', '100%', '', 'N = 100 %', 'zl'),
    (None, '生态环境改善群众满意率', '≧95%', '', 'N >= 95 %', 'zl'),
    (None, '营商环境主体满意率', '≧90%', '', 'N >= 90 %', 'zl'),
    (None, '帮扶管控率', '≧99%', '每月按尿检人次进行统计，全年按管控到位率进行考核', 'N >= 99 %', 'zl'),
    (None, '禁毒主题宣传知晓率', '≧90%', '', 'N >= 90 %', 'zl'),
    (None, '毛发毒品检测', '≧90%', '', 'N >= 90 %', 'zl'),
    (None, '禁毒奖励兑现率', '＝100%', '', 'N = 100 %', 'zl'),
    (None, '禁毒基础设施建设', '＝100%', '', 'N = 100 %', 'zl'),
    (None, '特殊病收治率', '＝100%', '', 'N = 100 %', 'zl'),
    (None, '污水毒品成分监测', '＝100%', '', 'N = 100 %', 'zl'),
    ('时效指标', '2023年度', '年度内及时完成', '', 'Q', 'sx'),
    ('成本指标', '应急处理经费', '≤35万元', '', 'N <= 35 万元', 'cb'),
    (None, '为民办实事', '≤18万元', '', 'N <= 18 万元', 'cb'),
    (None, '改制工作经费', '≤8万元', '', 'N <= 8 万元', 'cb'),
    (None, '保卫科经费', '≤15万元', '', 'N <= 15 万元', 'cb'),
    (None, '衡东政务报、湖南年鉴、衡阳年鉴', '≤5万元', '', 'N <= 5 万元', 'cb'),
    (None, '视频会议系统维护', '≤35万元', '', 'N <= 35 万元', 'cb'),
    (None, '人大代表、政协委员“两案”办理经费', '≤10万元', '', 'N <= 10 万元', 'cb'),
    (None, '金融办工作经费', '≤20万元', '', 'N <= 20 万元', 'cb'),
    (None, '政务督查工作经费', '≤25万元', '', 'N <= 25 万元', 'cb'),
    (None, '绿色发展事务中心工作经费', '≤10万元', '', 'N <= 10 万元', 'cb'),
    (None, '优化营商环境工作经费', '≤10万元', '', 'N <= 10 万元', 'cb'),
    (None, '社区戒毒社区康复人员帮扶管控', '≧40万元',
     '检测工作经费150元/人次，管控率80%以上奖励50元/人次、70%以上30元/人次、60%以上10元/人次，检测试剂份数，检测人数、次数、管控率',
     'N >= 40 万元', 'cb'),
    (None, '禁毒主题宣传', '≧25万元', '', 'N >= 25 万元', 'cb'),
    (None, '毛发毒品检测', '≧20万元', '', 'N >= 20 万元', 'cb'),
    (None, '禁毒奖励', '≧7万元', '', 'N >= 7 万元', 'cb'),
    (None, '禁毒基础设施建设', '≧35万元', '', 'N >= 35 万元', 'cb'),
    (None, '特殊病收治', '5万元/人', '', 'N = 5 万元/人', 'cb'),
    (None, '污水毒品成分监测', '≧8万元', '', 'N >= 8 万元', 'cb'),
]
# rows under the 产出指标 merge that belong to 效益指标 (level 1 wrong on the form)
BENEFIT = [
    ('社会效益指标', '切实提高人民群众幸福指数。', '≧90%\n', '', 'N >= 90 %', 'sh'),
    (None, '切实预防毒品社会危害，严防吸毒人员肇事肇祸（案）事件', '零发生', '', 'Q', 'sh'),
    ('可持续影响指标', '形成齐抓共管、社会共治大局面', '部门协同、社会共治', '', 'Q', 'kc'),
    ('生态效益指标', '有效改善人民群众居住环境　', '≧95%\n　', '', 'N >= 95 %', 'st'),
]
SATISFACTION = [
    ('社会公众或服务对象满意度指标', '人大代表建议、政协委员提案办理满意率', '100%\n\n', '', 'N = 100 %', 'my'),
    (None, '居民满意率\n\n', '≧90%\n\n', '', 'N >= 90 %', 'my'),
]


def build(outdir):
    doc = Document(checkbox='glyph')
    doc.para('附件2：')
    doc.para('2023年度项目支出预算绩效目标申报表', center=True)
    t = doc.table(Table(6))
    ti = t.index
    head = '填报单位：（盖章）衡东县政府办                         单位：万元'
    r = t.row(C(head, 6))
    fields = {'filing_unit': fld('衡东县政府办', '（盖章）衡东县政府办', (ti, r, 0))}
    r = t.row(C('项目支出名称'), C('衡东县政府办项目支出　', 2), C('预算部门'), C('衡东县政府办　', 2))
    fields['project_name'] = text('衡东县政府办项目支出', (ti, r, 1))
    fields['department'] = text('衡东县政府办', (ti, r, 4))
    r = t.row(C('年度本级\n\n预算金额'), C('　361', 2), C('该项目支出上级资金\n\n（分级填报）'), C('中央：\n\n省级：\n\n市级：', 2))
    funds = {'current_year_total': amount('361', 361, (ti, r, 1)),
             'breakdown': [{'source': s, 'label': lab, 'current_year': empty((ti, r, 4))}
                           for s, lab in (('central', '中央'), ('provincial', '省级'), ('municipal', '市级'))]}
    r = t.row(C('项目支出实施期'), C('2023年度', 5))
    fields['period'] = fld({'start': '2023-01', 'end': '2023-12'}, '2023年度', (ti, r, 1))
    r = t.row(C('实施期绩效目标'), C(GOAL, 5))
    fields['long_term_goal'] = text(GOAL, (ti, r, 1))
    r = t.row(C('本年度绩效目标'), C(GOAL, 5))
    fields['annual_goal'] = text(GOAL, (ti, r, 1))
    t.row(Cell('本年度\n\n绩效指标', vmerge='restart'), C('一级指标'), C('二级指标'), C('三级指标'), C('指标值及单位'),
          C('绩效标准'))
    inds = []
    groups = [('产出指标', OUTPUT + BENEFIT, 'P'), ('满意度\n\n指标', SATISFACTION, 'S')]
    for l1, rows, e1 in groups:
        for k, (l2, l3, val, std, spec, e2) in enumerate(rows):
            l1c = Cell(l1, vmerge='restart') if k == 0 else M()
            nxt = rows[k + 1] if k + 1 < len(rows) else None
            l2c = M() if l2 is None else Cell(l2, vmerge='restart' if nxt and nxt[0] is None else None)
            r = t.row(M(), l1c, l2c, C(l3), C(val), C(std))
            wrong = e2 in ('sh', 'kc', 'st')
            inds.append(indicator('annual', 'B' if wrong else e1, e2, unnumber(l3), val, spec, (ti, r, 4),
                                  standard=std or None, flags=('level1_inferred',) if wrong else ()))
    pf = doc.para('填表人：                 联系电话：                     单位负责人签字：')
    fields['filled_by'] = empty((None, pf, None))
    fields['contact_phone'] = empty((None, pf, None))
    fields['unit_head'] = empty((None, pf, None))
    decl = declaration('project_expenditure', '2023年度项目支出预算绩效目标申报表', 2023, ti, fields, funds,
                       indicators=inds)
    doc.write(outdir + '/' + FILE)
    return FILE, document(FILE, [decl])
