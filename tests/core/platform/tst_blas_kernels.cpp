// core/platform/BlasKernels: which OpenBLAS kernels a CPU should run, and when the programs
// restart to get them.

#include <QTest>

#include <cstdlib>

#include "core/platform/BlasKernels.h"

using namespace megatoken;

namespace {

CpuFeatures avx512()
{
    CpuFeatures f;
    f.avx2 = f.fma = f.avx512f = f.avx512cd = f.avx512bw = f.avx512dq = f.avx512vl = true;
    return f;
}

CpuFeatures avx2()
{
    CpuFeatures f;
    f.avx2 = f.fma = true;
    return f;
}

}  // namespace

Q_DECLARE_METATYPE(megatoken::CpuFeatures)

class TestBlasKernels : public QObject {
    Q_OBJECT

private slots:
    void fastCoreTypeFollowsTheInstructionSets_data()
    {
        QTest::addColumn<CpuFeatures>("features");
        QTest::addColumn<QString>("coreType");
        CpuFeatures knightsLanding = avx2();  // AVX-512 F and CD without BW, DQ, VL
        knightsLanding.avx512f = knightsLanding.avx512cd = true;
        CpuFeatures avx2WithoutFma;
        avx2WithoutFma.avx2 = true;
        QTest::newRow("AVX-512 (Skylake-SP and later)") << avx512() << "SkylakeX";
        QTest::newRow("AVX2 and FMA (Haswell and later)") << avx2() << "Haswell";
        QTest::newRow("AVX-512 F and CD only") << knightsLanding << "Haswell";
        QTest::newRow("AVX2 without FMA") << avx2WithoutFma << "";
        QTest::newRow("SSE only") << CpuFeatures{} << "";
    }
    void fastCoreTypeFollowsTheInstructionSets()
    {
        QFETCH(CpuFeatures, features);
        QFETCH(QString, coreType);
        QCOMPARE(QString::fromStdString(fastOpenBlasCoreType(features)), coreType);
    }

    void restartOnlyFromTheFallbackKernels_data()
    {
        QTest::addColumn<QString>("loaded");
        QTest::addColumn<bool>("userChose");
        QTest::addColumn<CpuFeatures>("features");
        QTest::addColumn<QString>("coreType");
        // OpenBLAS 0.3.21 on an Emerald Rapids Xeon (family 6, model 207): the case that was 3x slower.
        QTest::newRow("Prescott on AVX-512") << "Prescott" << false << avx512() << "SkylakeX";
        QTest::newRow("Prescott on AVX2") << "Prescott" << false << avx2() << "Haswell";
        QTest::newRow("case as OpenBLAS prints it") << "prescott" << false << avx512() << "SkylakeX";
        QTest::newRow("the user chose") << "Prescott" << true << avx512() << "";
        QTest::newRow("a recognised CPU") << "SkylakeX" << false << avx512() << "";
        QTest::newRow("Haswell kernels on AVX-512 (known, kept)") << "Haswell" << false << avx512() << "";
        QTest::newRow("no OpenBLAS loaded (MKL)") << "" << false << avx512() << "";
        QTest::newRow("Prescott on a CPU without AVX2") << "Prescott" << false << CpuFeatures{} << "";
    }
    void restartOnlyFromTheFallbackKernels()
    {
        QFETCH(QString, loaded);
        QFETCH(bool, userChose);
        QFETCH(CpuFeatures, features);
        QFETCH(QString, coreType);
        QCOMPARE(QString::fromStdString(openBlasCoreTypeToSet(loaded.toStdString(), userChose, features)), coreType);
    }

    // This suite links no BLAS: nothing is loaded, and nothing restarts.
    void withoutOpenBlasNothingRestarts()
    {
        QCOMPARE(QString::fromStdString(loadedOpenBlasCore()), QString());
        char name[] = "tst_blas_kernels";
        char* argv[] = {name, nullptr};
        QCOMPARE(QString::fromStdString(restartWithFastBlasKernels(argv)), QString());
    }
};

QTEST_APPLESS_MAIN(TestBlasKernels)
#include "tst_blas_kernels.moc"
