// A SCORM 1.2 SCO: finds the LMS's API on a parent window, resumes at the page it left (lesson_location) with
// the answers it kept (suspend_data), and reports the score and passed/failed when the check is submitted.
;(function () {
  var PAGES = 4
  var KEY = { q1: 'b', q2: 'a', q3: 'a', q4: 'a' }
  var MASTERY = 80

  function findApi(win) {
    for (var i = 0; win && i < 10; i++) {
      if (win.API) return win.API
      if (win.parent === win) break
      win = win.parent
    }
    return null
  }
  var api = findApi(window) || (window.opener && findApi(window.opener))
  var get = function (k) {
    return api ? String(api.LMSGetValue(k) || '') : ''
  }
  var set = function (k, v) {
    if (api) api.LMSSetValue(k, String(v))
  }
  if (api) api.LMSInitialize('')

  var saved = {}
  try {
    saved = JSON.parse(get('cmi.suspend_data') || '{}')
  } catch (e) {
    saved = {}
  }
  var page = Math.min(PAGES, Math.max(1, parseInt(get('cmi.core.lesson_location'), 10) || 1))
  var status = get('cmi.core.lesson_status')
  if (!status || status === 'not attempted') set('cmi.core.lesson_status', 'incomplete')

  function show(n) {
    page = n
    var sections = document.querySelectorAll('section[data-page]')
    for (var i = 0; i < sections.length; i++) sections[i].hidden = Number(sections[i].getAttribute('data-page')) !== n
    document.getElementById('progress').textContent = 'Page ' + n + ' of ' + PAGES
    document.getElementById('back').disabled = n === 1
    document.getElementById('next').disabled = n === PAGES
    set('cmi.core.lesson_location', n)
    if (api) api.LMSCommit('')
  }

  var form = document.getElementById('check')
  Object.keys(saved.answers || {}).forEach(function (q) {
    var input = form.querySelector('input[name="' + q + '"][value="' + saved.answers[q] + '"]')
    if (input) input.checked = true
  })
  form.addEventListener('submit', function (e) {
    e.preventDefault()
    var answers = {}
    var right = 0
    Object.keys(KEY).forEach(function (q) {
      var chosen = form.querySelector('input[name="' + q + '"]:checked')
      answers[q] = chosen ? chosen.value : ''
      if (answers[q] === KEY[q]) right++
    })
    var score = Math.round((right / Object.keys(KEY).length) * 100)
    set('cmi.suspend_data', JSON.stringify({ answers: answers }))
    set('cmi.core.score.min', 0)
    set('cmi.core.score.max', 100)
    set('cmi.core.score.raw', score)
    set('cmi.core.lesson_status', score >= MASTERY ? 'passed' : 'failed')
    if (api) api.LMSCommit('')
    document.getElementById('result').textContent =
      score >= MASTERY ? 'You scored ' + score + '%. Passed: thank you.' : 'You scored ' + score + '%. Read pages 2 and 3 again and retry.'
  })
  document.getElementById('back').addEventListener('click', function () {
    show(page - 1)
  })
  document.getElementById('next').addEventListener('click', function () {
    show(page + 1)
  })
  window.addEventListener('pagehide', function () {
    if (api) api.LMSFinish('')
  })
  show(page)
})()
