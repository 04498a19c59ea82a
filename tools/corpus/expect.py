"""Expected-JSON helpers for the corpus generator.

Everything here builds the contract's objects from values a person typed
while reading the seed forms; nothing is computed by declx. Confidence is
left out: the corpus test compares facts, not declx's own estimates.
"""
import re


L1 = {'P': '产出指标', 'B': '效益指标', 'S': '满意度指标', 'C': '成本指标', None: None}
L2 = {'sl': '数量指标', 'zl': '质量指标', 'sx': '时效指标', 'cb': '成本指标',
      'jj': '经济效益指标', 'sh': '社会效益指标', 'st': '生态效益指标',
      'kc': '可持续影响指标', 'my': '服务对象满意度指标', None: None}


def collapse(s):
    """The contract's raw: whitespace runs to one space, trimmed."""
    return ' '.join(s.replace('\u3000', ' ').split())


def unnumber(s):
    """The contract's level3: numbering prefixes ("指标1:", "1.", "1、") removed."""
    return re.sub(r'^(指标\s*\d+\s*[:：.、]?|[（(]?\d{1,2}[)）]|\d{1,2}\s*[.、．](?!\d)|[①-⑳]|[（(][一二三四五六七八九十]+[)）])\s*', '',
                  collapse(s)).strip()


def at(t, r, c):
    if t is None:
        return {'table': None, 'paragraph': r, 'page': None, 'box': None}
    return {'table': t, 'row': r, 'col': c, 'page': None, 'box': None}


def fld(value, raw, pos, flags=()):
    return {'value': value, 'raw': collapse(raw), 'flags': list(flags), 'at': at(*pos)}


def empty(pos):
    return fld(None, '', pos, ['empty'])


def text(raw, pos, value=None):
    """A string field; value defaults to the raw text."""
    if not raw.strip():
        return empty(pos)
    return fld(collapse(raw) if value is None else value, raw, pos)


def amount(raw, number, pos, flags=()):
    if not raw.strip():
        return empty(pos)
    return fld(number, raw, pos, flags)


def value(spec, raw):
    """spec: 'E' empty, 'Q' qualitative, 'D' date, 'C' compound,
    'N op number [unit]' numeric, 'R lo hi [unit]' range."""
    parts = spec.split()
    v = {'raw': collapse(raw), 'kind': None, 'op': None, 'number': None, 'upper': None,
         'unit': None}
    kinds = {'E': 'empty', 'Q': 'qualitative', 'D': 'date', 'C': 'compound'}
    if parts[0] in kinds:
        v['kind'] = kinds[parts[0]]
    elif parts[0] == 'N':
        v['kind'] = 'numeric'
        v['op'] = parts[1]
        v['number'] = num(parts[2])
        v['unit'] = parts[3] if len(parts) > 3 else None
    elif parts[0] == 'R':
        v['kind'] = 'range'
        v['number'] = num(parts[1])
        v['upper'] = num(parts[2])
        v['unit'] = parts[3] if len(parts) > 3 else None
    else:
        raise ValueError(spec)
    return v


def num(s):
    f = float(s)
    return int(f) if f == int(f) else f


def indicator(horizon, l1, l2, level3, raw, spec, pos, standard=None, flags=()):
    return {'horizon': horizon, 'level1': L1[l1], 'level2': L2[l2],
            'level3': level3 if level3 else None,
            'value': value(spec, raw), 'standard': standard,
            'flags': list(flags), 'at': at(*pos)}


def declaration(form, title, year, table_index, fields, funds=None, items=(), schedule=(),
                plans=(), summary=(), indicators=(), flags=()):
    return {'form': form, 'title': title, 'fiscal_year': year,
            'origin': {'page_start': None, 'page_end': None, 'table_index': table_index},
            'flags': list(flags), 'fields': fields,
            'funds': funds if funds is not None else {'breakdown': []},
            'expenditure_items': list(items), 'schedule': list(schedule),
            'work_plans': list(plans), 'summary_items': list(summary),
            'indicators': list(indicators)}


def document(file, declarations):
    return {'schema_version': '1',
            'source': {'file': file, 'format': 'docx', 'pages': None},
            'declarations': declarations}
