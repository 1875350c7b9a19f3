import { expect } from '@open-wc/testing';
import { qrFrom } from './view.ts';

const GOOD =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 250 250"><rect fill="white" width="250" height="250"/><path fill="black" d="M20,20h10v10h-10z"/></svg>';

/** What was drawn, as plain data (never the element itself in an assertion). */
const drawn = (svg: string) => {
  const el = qrFrom(svg);
  return el && { attributes: el.getAttributeNames(), children: [...el.children].map((c) => c.localName), markup: el.outerHTML };
};

describe('the printed 结果单', () => {
  it('draws the QR afresh from its shapes: nothing else of the source comes along', () => {
    expect(drawn(GOOD)).to.deep.include({ attributes: ['viewBox'], children: ['rect', 'path'] });
    expect(qrFrom(GOOD)?.querySelector('path')?.getAttribute('d')).to.equal('M20,20h10v10h-10z');
    for (const hostile of [
      GOOD.replace('<svg ', '<svg onload="alert(1)" '),
      GOOD.replace('M20,20h10v10h-10z', 'M20,20h10"/><script>alert(1)</script><path d="M0,0'),
      GOOD.replace('</svg>', '<foreignObject><img src=x onerror=alert(1)></foreignObject></svg>'),
    ]) {
      const result = drawn(hostile);
      expect(result?.children ?? [], hostile).to.deep.equal(result ? ['rect', 'path'] : []);
      expect(result?.markup ?? '', hostile).not.to.match(/script|onload|onerror|foreignObject/i);
    }
  });

  it('draws nothing from shapes it does not know', () => {
    for (const unknown of [
      GOOD.replace('M20,20h10v10h-10z', 'M20,20 L javascript:alert(1)'),
      GOOD.replace('viewBox="0 0 250 250"', 'viewBox="url(#x)"'),
      '<svg><image href="https://example.com/x.png"/></svg>',
    ]) {
      expect(drawn(unknown), unknown).to.equal(undefined);
    }
  });
});
