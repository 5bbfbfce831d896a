"""Short documents written for the tests, in the genre Tendik reads (not copies of real ones)."""

NEWS = """Министерство провело тренинг для сотрудников ОМСУ

Бишкек, 14.03.24 /Кабар/. 12-13 марта 2024 года в Бишкеке Министерство труда провело тренинг по гендерному бюджетированию для более 40 сотрудников органов местного самоуправления. Участие приняли 28 женщин и 12 мужчин.

Комментарии
"""

KYRGYZ = """Бишкекте гендердик теңчилик боюнча жыйын өттү. Жыйынга министрликтердин жана жарандык коомдун өкүлдөрү катышты. Катышуучулар улуттук план боюнча иштерди талкуулашты жана жаңы сунуштарды беришти."""

HTML_WITH_SCRIPT = b"""<!doctype html><html><head><title>x</title><script>alert('x')</script></head>
<body><article><h1>Semeinoe</h1><p>25 \xd0\xbd\xd0\xbe\xd1\x8f\xd0\xb1\xd1\x80\xd1\x8f 2024 \xd0\xb3\xd0\xbe\xd0\xb4\xd0\xb0 \xd0\xb2 \xd0\x9e\xd1\x88\xd0\xb5 &lt;b&gt;\xd0\xbf\xd1\x80\xd0\xbe\xd1\x88\xd0\xbb\xd0\xb0&lt;/b&gt; \xd0\xb0\xd0\xba\xd1\x86\xd0\xb8\xd1\x8f.</p></article></body></html>"""
