# Independent MBG/NBD golden values: integrate the individual-level model over the gamma (lambda) and
# beta (p) mixing distributions numerically (mpmath), without any closed form or 2F1.
from mpmath import mp, mpf, quad, gamma, beta, exp, log, inf, factorial
mp.dps = 30
r, al, a, b = mpf('0.524838'), mpf('6.182990'), mpf('0.891356'), mpf('1.614000')

def g(l):  # gamma(r, alpha) density
    return al**r * l**(r-1) * exp(-al*l) / gamma(r)
def h(p):
    return p**(a-1) * (1-p)**(b-1) / beta(a, b)

def E2(f, lpeak=None):
    pts = [0, lpeak, inf] if lpeak else [0, 1, inf]
    return quad(lambda p: h(p) * quad(lambda l: g(l) * f(l, p), pts), [0, mpf('0.5'), 1])

def lik(x, tx, T):
    return lambda l, p: l**x * (1-p)**x * ((1-p)*exp(-l*T) + p*exp(-l*tx))
def alive_part(x, T):
    return lambda l, p: l**x * (1-p)**(x+1) * exp(-l*T)

def palive(x, tx, T):
    pk = max(mpf(x)/T, mpf('0.1'))
    return E2(alive_part(x, T), pk) / E2(lik(x, tx, T), pk)

def cond(t, x, tx, T):
    pk = max(mpf(x)/T, mpf('0.1'))
    num = E2(lambda l, p: alive_part(x, T)(l, p) * (1 - exp(-l*p*t)) / p, pk)
    return num / E2(lik(x, tx, T), pk)

def ex(t):
    return E2(lambda l, p: (1-p)/p * (1 - exp(-l*p*t)))

def pois_ge(n, m):
    return 1 - sum(exp(-m) * m**k / factorial(k) for k in range(n))

def pn(t, n):
    def f(l, p):
        m = l*t
        v = (1-p)**(n+1) * exp(-m) * m**n / factorial(n)
        if n == 0:
            v += p
        else:
            v += (1-p) * p * (1-p)**(n-1) * pois_ge(n, m)
        return v
    return E2(f, max(mpf(n)/t, mpf('0.1')))

out = []
for t in ['1', '3', '32', '78']:
    out.append(('ExpectedPurchases', t, ex(mpf(t))))
for (x, tx, T) in [(0, '0', '38.86'), (1, '1.71', '38.86'), (23, '39', '39'), (5, '30', '39'), (20, '30', '39'), (2, '30.43', '38.86')]:
    out.append(('ProbabilityAlive', (x, tx, T), palive(x, mpf(tx), mpf(T))))
out.append(('ConditionalExpectedPurchases39', (2, '30.43', '38.86'), cond(mpf(39), 2, mpf('30.43'), mpf('38.86'))))
out.append(('ConditionalExpectedPurchases52', (0, '0', '38.86'), cond(mpf(52), 0, mpf(0), mpf('38.86'))))
for (t, n) in [('39', 0), ('39', 1), ('2', 10), ('30', 11)]:
    out.append(('PurchaseCountProbability', (t, n), pn(mpf(t), n)))
for (x, tx, T) in [(0, '0', '40'), (1, '1.71', '38.86'), (200, '38', '40')]:
    out.append(('LikelihoodLn', (x, tx, T), log(E2(lik(x, mpf(tx), mpf(T)), max(mpf(x)/mpf(T), mpf('0.1'))))))
for o in out:
    print(o[0], o[1], mp.nstr(o[2], 15))
