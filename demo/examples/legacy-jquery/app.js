// The host page's own script, written as 政务 pages of 2015 still are: jQuery 3, ES5, no build step.
// Nothing here talks to the widget about values: the "选择企业" dialog fills the form by script
// ($.fn.val, no input event) and the element notices by itself (自动触发, 002 (十六)).
// The legacy style is kept on purpose (see biome.json).
/* global $ */
$(function () {
  'use strict';
  var check = document.getElementById('check');

  // What the page's own 企业库 returns (a sandbox subject for each verdict of 食品经营许可).
  var companies = [
    { name: '南京清源食品有限公司', uscc: '91320100748204660Q', rep: '陈明' },
    { name: '昆山瑞丰小吃店', uscc: '92320583MA1WL3T48G', rep: '周立' },
    { name: '丹东德润食品有限公司', uscc: '91210602MA0WC8N18R', rep: '孙德润' },
    { name: '杭州鑫源食品有限公司', uscc: '91330106MA2FD1G85L', rep: '吴鑫' },
  ];

  function log(kind, text) {
    var time = new Date().toTimeString().slice(0, 8);
    $('<li class="list-group-item"></li>')
      .addClass(kind ? 'list-group-item-' + kind : '')
      .append($('<span class="text-muted"></span>').text(time), document.createTextNode(text))
      .prependTo('#log');
  }

  // A widget token from the page's backend (the app secret stays there); 经办部门 and 经办人 come
  // with the token's claims, so the element needs no more than this.
  function session() {
    return $.ajax({ url: '/backend/session', method: 'POST', dataType: 'json' });
  }
  session().done(function (s) {
    check.endpoint = s.endpoint;
    check.getToken = function () {
      return session().then(function (x) {
        return { token: x.token, expiresAt: x.expiresAt };
      });
    };
  });

  $.each(companies, function (i, c) {
    $('<tr></tr>')
      .append(
        $('<td></td>').text(c.name),
        $('<td></td>').text(c.uscc),
        $('<td></td>').text(c.rep),
        $('<td class="text-right"></td>').append(
          $('<button type="button" class="btn btn-xs btn-primary">选用</button>').attr('data-index', i),
        ),
      )
      .appendTo('#entList');
  });

  $('#entList').on('click', 'button', function () {
    var c = companies[Number($(this).attr('data-index'))];
    $('#entName').val(c.name);
    $('#uscc').val(c.uscc);
    $('#usccText').text(c.uscc);
    $('#legalRep').val(c.rep);
    $('#entDialog').modal('hide');
  });

  // The element's events, the jQuery way (the detail is on originalEvent; it never holds an ID number).
  var words = { clear: '未发现需处理的信用信息', notice: '提示', caution: '从严审核', restrict: '限制办理' };
  $(document).on('credit-check-start', function () {
    log('', '信用核查：已发起');
  });
  $(document).on('credit-check-result', function (e) {
    var d = e.originalEvent.detail;
    log(d.verdict === 'restrict' ? 'danger' : d.verdict === 'caution' ? 'warning' : 'info', '信用核查：' + words[d.verdict]);
  });
  // Plain words for the clerk (the element says why on screen; codes are for the page's own logs).
  $(document).on('credit-check-error', function () {
    log('danger', '信用核查未完成：请重试，仍失败时按应急流程处理');
  });
  $(document).on('credit-check-feedback', function (e) {
    var d = e.originalEvent.detail;
    log('info', d.queued ? '处理结果已暂存，平台恢复后自动反馈' : '处理结果已记录');
  });
  $(document).on('credit-check-deferred', function (e) {
    log('warning', '先行受理（应急）：' + e.originalEvent.detail.deferralId);
  });

  function message(d) {
    return d.message;
  }

  // The guard keeps this handler from running until the check is done, any alert confirmed and the
  // response recorded — and then only for the button of the path that response opens (受理 or 不予受理).
  // new FormData(form, submitter), not $(form).serialize(): jQuery's serialize only knows
  // input/select/textarea and would leave out the element's value (orgCheck, orgCheck-receipt,
  // orgCheck-outcome) and the button pressed.
  $('#acceptForm').on('submit', function (e) {
    e.preventDefault();
    var original = e.originalEvent || {};
    $.ajax({
      url: '/backend/applications',
      method: 'POST',
      data: new FormData(this, original.submitter),
      processData: false,
      contentType: false,
      dataType: 'json',
    })
      .done(function (r) {
        if (r.repeated) {
          log('warning', r.message);
          return;
        }
        log('success', (r.approved ? '已受理：' : '已办结（' + r.word + '）：') + $.map(r.decisions, message).join('；'));
        // 办结: the next applicant is a new 办件 (the backend decides each 办件编号 once).
        if (r.concluded) nextApplication();
      })
      .fail(function (x) {
        var r = x.responseJSON;
        log('danger', '未受理：' + (r ? $.map(r.decisions, message).join('；') : '提交失败（' + x.status + '）'));
      });
  });

  var sequence = 123;
  function nextApplication() {
    // A clean form first, then the new 办件编号. A hidden field's value is its attribute, which a
    // form reset does not clear: the chosen company's code is emptied by script (the element hears it).
    $('#acceptForm')[0].reset();
    $('#uscc').val('');
    sequence += 1;
    var id = 'SZ-SP-2015-' + ('000000' + sequence).slice(-6);
    $('#acceptForm input[name="applicationId"]').val(id);
    $('#applicationNo').text(id);
    check.setAttribute('application-id', id);
    log('', '下一件：办件编号 ' + id);
  }

  $('#acceptForm').on('reset', function () {
    $('#usccText').text('—');
  });
});
