import { expect } from 'chai';
import type { IpAssetDoc } from '../../models/ipAsset';
import { DEMO_ASSETS } from '../../scripts/demo/assets';
import { DEMO_LISTINGS } from '../../scripts/demo/listings';
import { validateAssetInput } from '../../services/assets/validateAsset';
import { publishProblem } from '../../services/listings';
import { expiresOn } from '../../services/rules/assetTerms';

describe('demo assets and listings', () => {
  it('has a few dozen assets with valid, unique numbers', () => {
    expect(DEMO_ASSETS.length).to.be.at.least(24);
    const seen = new Set<string>();
    for (const d of DEMO_ASSETS) {
      const fields = validateAssetInput(d.input, { trusted: true }); // throws on a bad number, class or date
      const key = `${fields.kind}:${fields.number}`;
      expect(seen.has(key), key).to.equal(false);
      seen.add(key);
    }
    const kinds = new Set(DEMO_ASSETS.map((d) => d.input.kind));
    expect([...kinds].sort()).to.deep.equal(['DESIGN_PATENT', 'INVENTION_PATENT', 'TRADEMARK', 'UTILITY_MODEL']);
  });

  it('publishes only what the API would publish, in every mode', () => {
    const byKey = new Map(DEMO_ASSETS.map((d) => [d.key, d]));
    for (const l of DEMO_LISTINGS) {
      const d = byKey.get(l.asset);
      expect(d, l.asset).to.not.equal(undefined);
      const f = validateAssetInput(d!.input, { trusted: true });
      const asset = { ...f, expiresOn: expiresOn(f.kind, f.filingDate, f.grantDate), pledge: null, verification: { status: 'VERIFIED' } } as unknown as IpAssetDoc;
      expect(publishProblem(asset, l.modes, l.licenseTypes ?? ['NON_EXCLUSIVE']), l.asset).to.equal(null);
    }
    const modes = new Set(DEMO_LISTINGS.flatMap((l) => l.modes));
    expect([...modes].sort()).to.deep.equal(['LICENSE', 'OPEN_LICENSE', 'PLEDGE', 'TRANSFER']);
    expect(new Set(DEMO_LISTINGS.map((l) => l.asset)).size).to.equal(DEMO_LISTINGS.length);
  });
});
